/**
 * Just enough SPDY/3.1 for `kubectl port-forward`, which still speaks it: over a plain `Upgrade: SPDY/3.1` connection
 * (kubectl ≤ 1.30) or tunnelled inside a WebSocket with the `SPDY/3.1+portforward.k8s.io` subprotocol (1.31+).
 *
 * Frames (draft-mbelshe-httpbis-spdy-00): control frames start with the high bit set, version 3 and a type
 * (1 SYN_STREAM, 2 SYN_REPLY, 3 RST_STREAM, 4 SETTINGS, 6 PING, 7 GOAWAY, 9 WINDOW_UPDATE); data frames start with a
 * 31-bit stream id. Header blocks are zlib-compressed with a fixed dictionary, one zlib stream per direction.
 */
import { inflateSync, constants as zc } from 'node:zlib';

export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;
export const WINDOW_UPDATE = 9;
export const FLAG_FIN = 0x01;

/**
 * The header-compression dictionary of SPDY/3 (spec §2.6.10.1): length-prefixed common header names, then a run
 * of common values. Built from the lists rather than spelled out as bytes.
 */
const DICT_NAMES = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date',
  'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate',
  'proxy-authorization', 'range', 'referer', 'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1',
  'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICT_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden' +
  '404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,' +
  'publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY3_DICTIONARY: Buffer = Buffer.concat([
  ...DICT_NAMES.map((n) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(n.length);
    return Buffer.concat([len, Buffer.from(n, 'latin1')]);
  }),
  Buffer.from(DICT_TAIL, 'latin1'),
]);

export type Headers = Record<string, string>;

export type Frame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; data: Buffer };

/** Splits a byte stream into frames; keeps a partial frame for the next chunk. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= 8) {
      const len = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + len) break;
      const flags = this.buf[4];
      const body = this.buf.subarray(8, 8 + len);
      if (this.buf[0] & 0x80) frames.push({ control: true, type: this.buf.readUInt16BE(2), flags, payload: Buffer.from(body) });
      else frames.push({ control: false, streamId: this.buf.readUInt32BE(0) & 0x7fffffff, flags, data: Buffer.from(body) });
      this.buf = this.buf.subarray(8 + len);
    }
    return frames;
  }
}

/**
 * Inflates the peer's header blocks. The peer uses one zlib stream for the whole connection, flushed after each
 * block; Node's synchronous inflate has no persistent context, so we inflate everything received so far and keep
 * the new tail. Connections carry a handful of header blocks, so the repeated work stays small.
 */
export class HeaderInflater {
  private input: Buffer = Buffer.alloc(0);
  private produced = 0;

  inflate(block: Buffer): Headers {
    this.input = Buffer.concat([this.input, block]);
    const all = inflateSync(this.input, { dictionary: SPDY3_DICTIONARY, finishFlush: zc.Z_SYNC_FLUSH });
    const out = all.subarray(this.produced);
    this.produced = all.length;
    return decodeHeaderBlock(out);
  }
}

function decodeHeaderBlock(b: Buffer): Headers {
  const h: Headers = {};
  if (b.length < 4) return h;
  let off = 4;
  const n = b.readUInt32BE(0);
  for (let i = 0; i < n && off + 4 <= b.length; i++) {
    const kl = b.readUInt32BE(off);
    const k = b.subarray(off + 4, off + 4 + kl).toString('utf8');
    off += 4 + kl;
    const vl = b.readUInt32BE(off);
    h[k.toLowerCase()] = b.subarray(off + 4, off + 4 + vl).toString('utf8');
    off += 4 + vl;
  }
  return h;
}

/**
 * Our header blocks: a zlib stream of stored (uncompressed) deflate blocks. Valid for any inflater, and every block
 * is self-delimiting, so no compression context has to be carried between frames.
 */
export class HeaderDeflater {
  private started = false;

  deflate(headers: Headers): Buffer {
    const entries = Object.entries(headers);
    const parts: Buffer[] = [u32(entries.length)];
    for (const [k, v] of entries) parts.push(u32(Buffer.byteLength(k)), Buffer.from(k), u32(Buffer.byteLength(v)), Buffer.from(v));
    const raw = Buffer.concat(parts);
    const stored = Buffer.alloc(5);
    stored[0] = 0; // BFINAL=0, BTYPE=00 (stored)
    stored.writeUInt16LE(raw.length, 1);
    stored.writeUInt16LE(~raw.length & 0xffff, 3);
    const out: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      // CMF 0x78 (deflate, 32 KiB window), FLG 0x20 (FDICT; FCHECK makes the pair divisible by 31), then the dictionary id.
      out.push(Buffer.from([0x78, 0x20]), u32(adler32(SPDY3_DICTIONARY)));
    }
    // An empty stored block ends the frame, as a zlib sync flush does: readers such as Go's flate only hand out
    // buffered output when they reach one, and must not read past the frame looking for the next block.
    out.push(stored, raw, Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(out);
  }
}

/** zlib's dictionary id (RFC 1950 §8.2). */
export function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h[4] = flags;
  h.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([h, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(streamId & 0x7fffffff, 0);
  h[4] = flags;
  h.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([h, data]);
}

export function synStreamInfo(payload: Buffer): { streamId: number; block: Buffer } {
  return { streamId: payload.readUInt32BE(0) & 0x7fffffff, block: payload.subarray(10) };
}
