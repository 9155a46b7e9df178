/**
 * Seeded randomness for the simulated world (names, IPs, ports, load-balancing choices).
 * sfc32: small, fast, and its whole state is four 32-bit words, so it snapshots as plain JSON.
 */

export type RandomState = [number, number, number, number];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState = 1) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed;
    } else {
      // splitmix32 spreads a small integer seed over the four words
      let s = seed >>> 0;
      const next = () => {
        s = (s + 0x9e3779b9) >>> 0;
        let z = s;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.a = next();
      this.b = next();
      this.c = next();
      this.d = next();
      for (let i = 0; i < 12; i++) this.nextUint32();
    }
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A string of `n` characters drawn from `alphabet`. */
  string(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** RFC 4122 version-4 UUID, as Kubernetes assigns to metadata.uid. */
  uuid(): string {
    const hex = (n: number) => this.string(n, '0123456789abcdef');
    const variant = '89ab'[this.int(4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }

  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  setState(s: RandomState): void {
    [this.a, this.b, this.c, this.d] = s;
  }
}

/** The alphabet of apimachinery's rand.String: no vowels, no 0/1/3 (pkg/util/rand/rand.go). */
export const K8S_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
