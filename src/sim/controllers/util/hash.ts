/**
 * The pod-template-hash and controller-revision-hash computation of kube-controller-manager.
 *
 * Upstream (pkg/controller/controller_utils.go ComputeHash, apimachinery pkg/util/rand SafeEncodeString):
 * a 32-bit FNV-1a over a deep dump of the PodTemplateSpec, then 8 little-endian bytes of the collision count
 * when one is set; the uint32 is printed in decimal and every digit is mapped into the name alphabet at
 * (char code mod 27). Go's dump format (spew) cannot be reproduced in TypeScript, so the input here is a
 * key-sorted JSON serialisation: identical templates still give identical hashes, and the names have the real
 * shape (1–10 characters out of 4-9, b, c, d, f).
 */
import { K8S_NAME_ALPHABET } from '../../random';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

export function fnv32a(bytes: Iterable<number>, seed = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b & 0xff;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** Maps every character through the 27-letter alphabet so a number reads like a Kubernetes name. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += K8S_NAME_ALPHABET[ch.codePointAt(0)! % K8S_NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level: a stable serialisation of any plain value. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return '[' + v.map((x) => stableStringify(x === undefined ? null : x)).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableStringify(o[k])).join(',') + '}';
}

const utf8 = new TextEncoder();

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8.encode(stableStringify(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = [0, 0, 0, 0, 0, 0, 0, 0];
    const c = collisionCount >>> 0;
    for (let i = 0; i < 4; i++) bytes[i] = (c >>> (8 * i)) & 0xff;
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
