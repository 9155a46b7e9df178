import { describe, expect, it } from 'vitest';
import { constants, createDeflate, inflateSync } from 'node:zlib';
import {
  FLAG_FIN, FrameReader, HeaderDeflater, PING, SPDY3_DICTIONARY, SYN_REPLY, SYN_STREAM, adler32, controlFrame, dataFrame,
} from '../../src/cli/serve/spdy';
import { PortForwardSession } from '../../src/cli/serve/portforward';

function headerBlock(h: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  parts.push(u32(Object.keys(h).length));
  for (const [k, v] of Object.entries(h)) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
  return Buffer.concat(parts);
}

/** A client-side compressor with one zlib context for the connection, flushed after each block, as spdystream does. */
async function clientBlocks(blocks: Record<string, string>[]): Promise<Buffer[]> {
  const z = createDeflate({ dictionary: SPDY3_DICTIONARY });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  const out: Buffer[] = [];
  for (const b of blocks) {
    z.write(headerBlock(b));
    await new Promise<void>((done) => z.flush(constants.Z_SYNC_FLUSH, () => done()));
    out.push(Buffer.concat(chunks.splice(0)));
  }
  z.close();
  return out;
}

function synStream(streamId: number, block: Buffer): Buffer {
  const p = Buffer.alloc(10);
  p.writeUInt32BE(streamId);
  return controlFrame(SYN_STREAM, 0, Buffer.concat([p, block]));
}

describe('SPDY/3 for port-forward', () => {
  it('builds the 1423-byte SPDY/3 header dictionary', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(SPDY3_DICTIONARY.subarray(0, 11).toString('latin1')).toBe('\0\0\0\x07options');
    expect(SPDY3_DICTIONARY.subarray(-6).toString('latin1')).toBe('enq=0.');
  });

  it('writes header blocks that a standard inflater with the dictionary reads', () => {
    const d = new HeaderDeflater();
    const a = d.deflate({ streamtype: 'data' });
    const b = d.deflate({});
    const inflated = inflateSync(Buffer.concat([a, b]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    expect(inflated.equals(Buffer.concat([headerBlock({ streamtype: 'data' }), headerBlock({})]))).toBe(true);
    expect(a.readUInt32BE(2)).toBe(adler32(SPDY3_DICTIONARY));
  });

  it('answers the error and data streams, forwards the request bytes and closes both streams', async () => {
    const written: Buffer[] = [];
    const seen: string[] = [];
    const session = new PortForwardSession(
      { write: (b) => written.push(b), close: () => {} },
      (port) => ({
        request: (data) => {
          seen.push(`${port}:${data}`);
          return data.endsWith('\r\n\r\n') ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' : undefined;
        },
      }),
      'pod',
    );
    const [errBlock, dataBlock] = await clientBlocks([
      { streamtype: 'error', port: '80', requestid: '0' },
      { streamtype: 'data', port: '80', requestid: '0' },
    ]);
    session.receive(synStream(1, errBlock));
    session.receive(synStream(3, dataBlock));
    session.receive(dataFrame(3, 0, Buffer.from('GET / HTTP/1.1\r\n')));
    session.receive(dataFrame(3, 0, Buffer.from('Host: localhost\r\n\r\n')));
    const ping = Buffer.from([0, 0, 0, 1]);
    session.receive(controlFrame(PING, 0, ping));
    const frames = new FrameReader().push(Buffer.concat(written));
    const replies = frames.filter((f) => f.control && f.type === SYN_REPLY);
    expect(replies.map((f) => (f.control ? f.payload.readUInt32BE(0) : -1))).toEqual([1, 3]);
    const data = frames.filter((f) => !f.control && f.streamId === 3);
    expect(Buffer.concat(data.map((f) => (f.control ? Buffer.alloc(0) : f.data))).toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(data[data.length - 1].flags & FLAG_FIN).toBe(FLAG_FIN);
    const errFin = frames.find((f) => !f.control && f.streamId === 1);
    expect(errFin && errFin.flags & FLAG_FIN).toBe(FLAG_FIN);
    expect(frames.some((f) => f.control && f.type === PING && f.payload.equals(ping))).toBe(true);
    expect(seen).toEqual(['80:GET / HTTP/1.1\r\n', '80:GET / HTTP/1.1\r\nHost: localhost\r\n\r\n']);
  });

  it('reports a refused port on the error stream', async () => {
    const written: Buffer[] = [];
    const session = new PortForwardSession(
      { write: (b) => written.push(b), close: () => {} },
      () => ({ error: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, message: 'connection refused' } }),
      'pod',
    );
    const [errBlock, dataBlock] = await clientBlocks([
      { streamtype: 'error', port: '81', requestid: '1' },
      { streamtype: 'data', port: '81', requestid: '1' },
    ]);
    session.receive(synStream(5, errBlock));
    session.receive(synStream(7, dataBlock));
    const frames = new FrameReader().push(Buffer.concat(written));
    const err = frames.filter((f) => !f.control && f.streamId === 5);
    expect(Buffer.concat(err.map((f) => (f.control ? Buffer.alloc(0) : f.data))).toString()).toBe('connection refused');
  });
});
