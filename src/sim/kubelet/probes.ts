/**
 * Probe execution (pkg/kubelet/prober/prober.go and pkg/probe/{http,tcp,exec}): the outputs are the texts the
 * Unhealthy events carry: `HTTP probe failed with statuscode: 503`, `Get "http://10.42.0.5:8080/healthz": dial
 * tcp 10.42.0.5:8080: connect: connection refused`, `dial tcp 10.42.0.5:80: connect: connection refused`, or an
 * exec probe's own output.
 */
import type { ContainerRuntime } from './container';
import { answerHttp } from '../images/http';
import { versionOf } from '../images/registry';
import { containerShell } from '../images/container-shell';
import type { ProcessContext } from '../images/process';
import type { Random } from '../random';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function resolvePort(port: any, c: ContainerRuntime): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  const named = (c.spec.ports ?? []).find((p: { name?: string }) => p.name === port);
  return named?.containerPort ?? 0;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** undefined: an exec probe whose shell code is not in yet (only when time was moved past the load, see ../images/container-shell). */
export function runProbe(spec: any, c: ContainerRuntime, podIP: string, gatewayIP: string, now: number, _random: Random): { ok: boolean; output: string } | undefined {
  const listening = (port: number) => c.isRunning && c.serving && !!c.program?.ports.includes(port);
  if (spec.httpGet) {
    const port = resolvePort(spec.httpGet.port, c);
    const host = spec.httpGet.host ?? podIP;
    const path = spec.httpGet.path ?? '/';
    const scheme = (spec.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${host}:${port}${path}`;
    if (!listening(port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const a = answerHttp(
      c.program?.http ?? { kind: 'static', body: '' },
      { method: 'GET', path, host: `${host}:${port}`, clientIP: gatewayIP, userAgent: `kube-probe/1.31` },
      { hostname: '', podIP, now, startedAt: c.startedAtMs, version: c.image ? versionOf(c.image) : '' },
      c.fs,
    );
    if (a.accessLog) c.log?.write(now, 'stdout', a.accessLog + '\n');
    // 2xx and 3xx pass (pkg/probe/http/http.go).
    if (a.status >= 200 && a.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${a.status}` };
  }
  if (spec.tcpSocket) {
    const port = resolvePort(spec.tcpSocket.port, c);
    const host = spec.tcpSocket.host ?? podIP;
    return listening(port) ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (spec.exec) {
    const argv: string[] = spec.exec.command ?? [];
    if (!c.isRunning) return { ok: false, output: '' };
    const ctx: ProcessContext = { now: () => now, hostname: '', podIP, kernel: '', env: {}, fs: c.fs };
    const m = containerShell();
    if (!m) return undefined;
    const sh = new m.Shell(ctx, { binaries: c.image?.entry.binaries ?? ['*'] });
    const gen = sh.runArgv(argv);
    let out = '';
    let elapsed = 0;
    const timeout = (spec.timeoutSeconds ?? 1) * 1000;
    for (;;) {
      const r = gen.next();
      if (r.done) return { ok: r.value === 0, output: out.replace(/\n$/, '') };
      const a = r.value;
      if (a.type === 'out') out += a.text;
      else if (a.type === 'sleep') {
        elapsed += a.ms;
        if (elapsed > timeout) return { ok: false, output: `command timed out` };
      } else return { ok: false, output: out };
    }
  }
  if (spec.grpc) {
    const port = resolvePort(spec.grpc.port, c);
    return listening(port) ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${podIP}:${port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}
