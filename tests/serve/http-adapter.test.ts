import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ApiHandler, ApiRequest, ApiResponse, ApiStream, ExecSession, WatchEvent } from '../../src/sim/apiserver/types';
import { startHttpServer, PortInUseError, type RunningServer } from '../../src/cli/serve/server';
import { CH_ERROR, CH_STDIN, CH_STDOUT } from '../../src/cli/serve/exec-ws';

/** A hand-driven stream, so the test decides when events arrive. */
function manualStream<T>() {
  let push: ((x: T) => void) | undefined;
  let end: (() => void) | undefined;
  let closed = false;
  const stream: ApiStream<T> = {
    subscribe(onItem, onEnd) {
      push = onItem;
      end = onEnd;
    },
    close() {
      closed = true;
    },
  };
  return { stream, emit: (x: T) => push?.(x), end: () => end?.(), isClosed: () => closed };
}

let running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function serve(handler: ApiHandler, port = 0) {
  const r = await startHttpServer(handler, { port });
  running.push(r);
  return r;
}

describe('kubelab serve HTTP adapter', () => {
  it('passes method, path, decoded query, lower-case headers and the JSON body to the API server', async () => {
    const seen: ApiRequest[] = [];
    const r = await serve({
      handle(req) {
        seen.push(req);
        return { status: 201, headers: { 'content-type': 'application/json' }, body: { kind: 'Pod', metadata: { name: 'x' } } };
      },
    });
    const res = await fetch(`${r.url}/api/v1/namespaces/default/pods?fieldManager=kubectl-create&fieldValidation=Strict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'kubectl/v1.31.0' },
      body: JSON.stringify({ kind: 'Pod', metadata: { name: 'x' } }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ kind: 'Pod', metadata: { name: 'x' } });
    expect(seen[0].method).toBe('POST');
    expect(seen[0].path).toBe('/api/v1/namespaces/default/pods');
    expect(seen[0].query).toEqual({ fieldManager: 'kubectl-create', fieldValidation: 'Strict' });
    expect(seen[0].headers!['user-agent']).toBe('kubectl/v1.31.0');
    expect(seen[0].body).toEqual({ kind: 'Pod', metadata: { name: 'x' } });
  });

  it('decodes apply patches sent as YAML and answers protobuf bodies with 415 UnsupportedMediaType', async () => {
    const bodies: unknown[] = [];
    const r = await serve({
      handle(req) {
        bodies.push(req.body);
        return { status: 200, headers: {}, body: {} };
      },
    });
    await fetch(`${r.url}/apis/apps/v1/namespaces/default/deployments/web`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: 'metadata:\n  name: web\n',
    });
    expect(bodies[0]).toEqual({ metadata: { name: 'web' } });
    const res = await fetch(`${r.url}/apis/apps/v1/namespaces/default/deployments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    });
    expect(res.status).toBe(415);
    const s = await res.json();
    expect(s.reason).toBe('UnsupportedMediaType');
    expect(bodies).toHaveLength(1);
  });

  it('joins a repeated query parameter into a JSON array', async () => {
    let q: Record<string, string | undefined> | undefined;
    const r = await serve({
      handle(req) {
        q = req.query;
        return { status: 200, headers: {}, body: {} };
      },
    });
    await fetch(`${r.url}/api/v1/namespaces/default/pods/p/exec?command=sh&command=-c&command=echo%20hi&stdout=true`, { method: 'POST' });
    expect(JSON.parse(q!.command!)).toEqual(['sh', '-c', 'echo hi']);
    expect(q!.stdout).toBe('true');
  });

  it('flushes watch headers before any event, streams one JSON object per line, and closes the stream when the client goes', async () => {
    const m = manualStream<WatchEvent>();
    const r = await serve({ handle: (): ApiResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, stream: m.stream }) });
    const ctrl = new AbortController();
    const res = await fetch(`${r.url}/api/v1/pods?watch=true`, { signal: ctrl.signal });
    expect(res.status).toBe(200); // headers arrived with no event pending
    const reader = res.body!.getReader();
    m.emit({ type: 'ADDED', object: { metadata: { name: 'a' } } });
    m.emit({ type: 'DELETED', object: { metadata: { name: 'a' } } });
    let text = '';
    while (text.split('\n').length < 3) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toBe('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}\n');
    ctrl.abort();
    for (let i = 0; i < 50 && !m.isClosed(); i++) await new Promise((d) => setTimeout(d, 10));
    expect(m.isClosed()).toBe(true);
  });

  it('says so when the port is taken', async () => {
    const a = await serve({ handle: () => ({ status: 200, headers: {}, body: {} }) });
    await expect(startHttpServer({ handle: () => ({ status: 200, headers: {}, body: {} }) }, { port: a.port })).rejects.toBeInstanceOf(PortInUseError);
  });

  it('bridges exec over the v5 channel protocol and reports the exit code on the error channel', async () => {
    let stdinSeen = '';
    const r = await serve({
      handle(req): ApiResponse {
        let out: (s: 'stdout' | 'stderr', d: string) => void = () => {};
        let exit: (c: number) => void = () => {};
        const session: ExecSession = {
          write: (d) => {
            stdinSeen += d;
            out('stdout', d.toUpperCase());
          },
          closeStdin: () => exit(3),
          onOutput: (cb) => (out = cb),
          onExit: (cb) => (exit = cb),
          close: () => {},
        };
        expect(JSON.parse(req.query!.command!)).toEqual(['cat']);
        return { status: 101, headers: {}, exec: session };
      },
    });
    const ws = new WebSocket(`ws://127.0.0.1:${r.port}/api/v1/namespaces/default/pods/p/exec?command=cat&stdin=true&stdout=true`, ['v5.channel.k8s.io']);
    const frames: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => {
        expect(ws.protocol).toBe('v5.channel.k8s.io');
        ws.send(Buffer.concat([Buffer.from([CH_STDIN]), Buffer.from('hello')]));
        ws.send(Buffer.from([255, CH_STDIN]));
      });
      ws.on('message', (m: Buffer) => frames.push(m));
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    expect(stdinSeen).toBe('hello');
    expect(frames[0][0]).toBe(CH_STDOUT);
    expect(frames[0].subarray(1).toString()).toBe('HELLO');
    const last = frames[frames.length - 1];
    expect(last[0]).toBe(CH_ERROR);
    const st = JSON.parse(last.subarray(1).toString());
    expect(st.reason).toBe('NonZeroExitCode');
    expect(st.details.causes[0].message).toBe('3');
  });
});
