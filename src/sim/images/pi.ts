/**
 * Digits of pi for the Kubernetes docs' `pi` Job (`perl -Mbignum=bpi -wle "print bpi(2000)"`): computed with
 * Machin's formula on BigInt, not stored. bpi(N) prints N significant digits, rounded.
 */
export function piDigits(significant: number): string {
  const guard = 10;
  const scale = 10n ** BigInt(significant + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 0n; term !== 0n; k++) {
      const t = term / (2n * k + 1n);
      sum += k % 2n === 0n ? t : -t;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  // round away the guard digits, keeping significant-1 decimals
  const div = 10n ** BigInt(guard + 1);
  const rounded = (pi + div / 2n) / div;
  const s = rounded.toString();
  return `${s[0]}.${s.slice(1)}`;
}
