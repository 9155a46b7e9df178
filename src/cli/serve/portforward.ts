/**
 * `kubectl port-forward` against the simulated cluster. kubectl opens, per forwarded connection, an error stream and
 * a data stream (headers streamtype, port, requestid); the bytes of the local connection travel on the data stream,
 * and a failure to reach the pod's port is written on the error stream. The pod end is the API server's
 * pods/portforward answer: a function from port to a connection that answers request bytes with response bytes.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import type { ApiHandler, PortForwardConnection, Status } from '../../sim/apiserver/types';
import { decodeQuery, lowerHeaders, trackStream } from './http';
import {
  FLAG_FIN, FrameReader, GOAWAY, HeaderDeflater, HeaderInflater, PING, RST_STREAM, SYN_REPLY, SYN_STREAM,
  controlFrame, dataFrame, synStreamInfo,
} from './spdy';

export interface ByteTransport {
  write(b: Buffer): void;
  close(): void;
}

type Opener = (port: number) => PortForwardConnection | { error: Status };

interface Pair {
  errorStream?: number;
  dataStream?: number;
  port: number;
  conn?: PortForwardConnection;
  pending: Buffer;
  finished: boolean;
}

/** One SPDY session: feed it bytes from the client, it writes frames back. */
export class PortForwardSession {
  private reader = new FrameReader();
  private inflater = new HeaderInflater();
  private deflater = new HeaderDeflater();
  private pairs = new Map<string, Pair>();
  private streamToPair = new Map<number, Pair>();

  constructor(private transport: ByteTransport, private open: Opener, private podLabel: string) {}

  receive(chunk: Buffer): void {
    for (const f of this.reader.push(chunk)) {
      if (f.control) this.onControl(f.type, f.flags, f.payload);
      else this.onData(f.streamId, f.flags, f.data);
    }
  }

  private onControl(type: number, _flags: number, payload: Buffer): void {
    if (type === SYN_STREAM) {
      const { streamId, block } = synStreamInfo(payload);
      const h = this.inflater.inflate(block);
      const requestId = h['requestid'] ?? '0';
      const port = Number(h['port']);
      let pair = this.pairs.get(requestId);
      if (!pair) {
        pair = { port, pending: Buffer.alloc(0), finished: false };
        this.pairs.set(requestId, pair);
      }
      this.streamToPair.set(streamId, pair);
      const reply = Buffer.alloc(4);
      reply.writeUInt32BE(streamId);
      this.transport.write(controlFrame(SYN_REPLY, 0, Buffer.concat([reply, this.deflater.deflate({})])));
      if (h['streamtype'] === 'error') pair.errorStream = streamId;
      else if (h['streamtype'] === 'data') {
        pair.dataStream = streamId;
        const c = this.open(port);
        if ('error' in c) this.fail(pair, c.error.message ?? 'port-forward failed');
        else pair.conn = c;
      }
    } else if (type === PING) {
      this.transport.write(controlFrame(PING, 0, payload));
    } else if (type === GOAWAY) {
      this.transport.close();
    } else if (type === RST_STREAM) {
      this.streamToPair.delete(payload.readUInt32BE(0) & 0x7fffffff);
    }
    // SETTINGS and WINDOW_UPDATE need no answer: the bodies exchanged here are far below the initial window.
  }

  private onData(streamId: number, _flags: number, data: Buffer): void {
    const pair = this.streamToPair.get(streamId);
    if (!pair || streamId !== pair.dataStream || pair.finished || !pair.conn) return;
    pair.pending = Buffer.concat([pair.pending, data]);
    if (pair.pending.length === 0) return;
    const answer = pair.conn.request(pair.pending.toString('latin1'));
    if (answer === undefined) return; // the request is not complete yet
    pair.finished = true;
    const bytes = Buffer.from(answer, 'latin1');
    for (let off = 0; off < bytes.length; off += 0xffff) this.transport.write(dataFrame(streamId, 0, bytes.subarray(off, off + 0xffff)));
    // The pod end closes the connection after answering; kubectl then closes the local one.
    this.transport.write(dataFrame(streamId, FLAG_FIN, Buffer.alloc(0)));
    if (pair.errorStream !== undefined) this.transport.write(dataFrame(pair.errorStream, FLAG_FIN, Buffer.alloc(0)));
  }

  private fail(pair: Pair, message: string): void {
    pair.finished = true;
    if (pair.errorStream !== undefined) {
      this.transport.write(dataFrame(pair.errorStream, 0, Buffer.from(message)));
      this.transport.write(dataFrame(pair.errorStream, FLAG_FIN, Buffer.alloc(0)));
    }
    if (pair.dataStream !== undefined) this.transport.write(dataFrame(pair.dataStream, FLAG_FIN, Buffer.alloc(0)));
    void this.podLabel;
  }
}

function opener(handler: ApiHandler, req: IncomingMessage): { open: Opener; label: string } | Status {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const out = handler.handle({ method: 'POST', path: url.pathname, query: decodeQuery(url.searchParams), headers: lowerHeaders(req) });
  if (!out.portForward) return out.body as Status;
  return { open: out.portForward, label: url.pathname };
}

function rejectUpgrade(socket: Duplex, s: Status): void {
  const body = JSON.stringify(s);
  socket.write(`HTTP/1.1 ${s.code} ${s.reason ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy();
}

export const PORTFORWARD_WS_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/**
 * The WebSocket handshake for the SPDY tunnel, done by hand: the subprotocol name contains '/', which is not a
 * token character, so the ws library's own handshake refuses it. The framing afterwards is ordinary WebSocket.
 */
function acceptTunnel(req: IncomingMessage, socket: Duplex, head: Buffer): WebSocket | undefined {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!key || !offered.includes(PORTFORWARD_WS_PROTOCOL)) {
    socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
    return undefined;
  }
  const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${PORTFORWARD_WS_PROTOCOL}\r\n\r\n`,
  );
  const ws = new WebSocket(null as unknown as string, undefined, {}) as WebSocket & {
    setSocket(s: Duplex, h: Buffer, o: { maxPayload: number; skipUTF8Validation: boolean; allowSynchronousEvents: boolean }): void;
  };
  ws.setSocket(socket, head, { maxPayload: 100 * 1024 * 1024, skipUTF8Validation: false, allowSynchronousEvents: true });
  return ws;
}

/** Handles both upgrade styles kubectl uses for pods/portforward. Returns false when the request is not one. */
export function portForwardUpgradeHandler(handler: ApiHandler) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if (!/\/pods\/[^/]+\/portforward$/.test(new URL(req.url ?? '/', 'http://localhost').pathname)) return false;
    const o = opener(handler, req);
    if ('kind' in o) {
      rejectUpgrade(socket, o);
      return true;
    }
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') {
      const ws = acceptTunnel(req, socket, head);
      if (!ws) return true;
      ws.on('close', trackStream());
      const session = new PortForwardSession({ write: (b) => ws.readyState === ws.OPEN && ws.send(b), close: () => ws.close(1000) }, o.open, o.label);
      ws.on('message', (m: Buffer) => session.receive(Buffer.isBuffer(m) ? m : Buffer.from(m)));
    } else {
      // Plain SPDY upgrade (kubectl ≤ 1.30, or 1.31+ falling back).
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
      );
      const session = new PortForwardSession({ write: (b) => socket.writable && socket.write(b), close: () => socket.end() }, o.open, o.label);
      if (head.length) session.receive(head);
      socket.on('data', (b: Buffer) => session.receive(b));
      socket.on('close', trackStream());
      socket.on('error', () => socket.destroy());
    }
    return true;
  };
}
