/**
 * `kubectl exec` over WebSocket, the channel protocol kubectl ≥ 1.30 speaks (v5.channel.k8s.io, falling back to v4):
 * every binary message starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error (a Status when the command
 * ends), 4 resize ({"Width","Height"}); v5 adds 255 + channel to close one stream (the client's end of stdin).
 * The exec itself is the API server's pods/exec answer (an ExecSession from the pod's node).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiHandler, ExecSession, Status } from '../../sim/apiserver/types';
import { decodeQuery, lowerHeaders, trackStream } from './http';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export const CH_STDIN = 0;
export const CH_STDOUT = 1;
export const CH_STDERR = 2;
export const CH_ERROR = 3;
export const CH_RESIZE = 4;
export const CH_CLOSE = 255;

/** The Status on the error channel when the command ends, as the kubelet's remotecommand server writes it. */
export function exitStatus(code: number, command: string[]): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

function frame(channel: number, data: string | Buffer): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

function rejectUpgrade(socket: Duplex, s: Status): void {
  const body = JSON.stringify(s);
  socket.write(
    `HTTP/1.1 ${s.code} ${s.reason ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

export function execUpgradeHandler(handler: ApiHandler) {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = decodeQuery(url.searchParams);
    if (!/\/pods\/[^/]+\/(exec|attach)$/.test(url.pathname)) {
      rejectUpgrade(socket, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
      return;
    }
    const out = handler.handle({ method: 'POST', path: url.pathname, query, headers: lowerHeaders(req) });
    if (!out.exec) {
      rejectUpgrade(socket, out.body as Status);
      return;
    }
    const session: ExecSession = out.exec;
    const command: string[] = query.command ? JSON.parse(query.command) : [];
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => bridge(ws, session, command));
  };
}

/** How long the first frames of an exec wait (see bridge). */
const EXEC_START_MS = 50;
/** How long stdout waits after stderr, and the exit status after the last output (see bridge). */
const EXEC_GAP_MS = 40;

function bridge(ws: WebSocket, session: ExecSession, command: string[]): void {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  // While a client holds an exec open, it is waiting on the cluster (see activeStreams).
  const untrack = trackStream();
  ws.on('close', untrack);
  let done = false;
  // Frames leave in order through one chain, with the pauses a process under a real runtime has:
  // - client-go starts its read loop before it registers a stream per channel (remotecommand's websocket.go), so a
  //   frame sent the moment the connection opens can be dropped as "Unknown stream id"; a kubelet's exec through
  //   the container runtime takes milliseconds to start, and the first frames wait as long;
  // - a program's stderr is unbuffered and its stdout is flushed later (tar writes its archive at the end), and
  //   kubectl cp stops as soon as the archive on stdout is complete without waiting for its stderr copier: sent in
  //   one burst, tar's last warnings were dropped now and then, so stdout after stderr, and the exit status after
  //   the output, come a moment later.
  let chain: Promise<void> = pause(EXEC_START_MS);
  let last: 'stdout' | 'stderr' | undefined;
  const send = (b: Buffer | 'close', wait = 0) => {
    chain = chain
      .then(() => (wait ? pause(wait) : undefined))
      .then(() => {
        if (ws.readyState === ws.OPEN) b === 'close' ? ws.close(1000) : ws.send(b);
      });
  };
  session.onOutput((stream, data) => {
    send(frame(stream === 'stdout' ? CH_STDOUT : CH_STDERR, data), last === 'stderr' && stream === 'stdout' ? EXEC_GAP_MS : 0);
    last = stream;
  });
  session.onExit((code) => {
    if (done) return;
    done = true;
    send(frame(CH_ERROR, JSON.stringify(exitStatus(code, command))), last ? EXEC_GAP_MS : 0);
    send('close');
  });
  ws.on('message', (msg: Buffer, isBinary: boolean) => {
    const buf = isBinary ? msg : Buffer.from(msg);
    if (buf.length === 0) return;
    const ch = buf[0];
    const data = buf.subarray(1);
    if (ch === CH_STDIN) session.write(data.toString('utf8'));
    else if (ch === CH_RESIZE) {
      try {
        const r = JSON.parse(data.toString('utf8'));
        session.resize?.(r.Width, r.Height);
      } catch {
        // a malformed resize is ignored, as the kubelet does
      }
    } else if (v5 && ch === CH_CLOSE && data[0] === CH_STDIN) session.closeStdin();
  });
  ws.on('close', () => {
    if (!done) session.close();
    done = true;
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
