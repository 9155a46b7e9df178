/** Go's time.Duration.String(), as the kubelet prints pull times: "482ms", "4.317s", "1m2.5s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trim(ms.toFixed(3))}ms`;
  let s = ms / 1000;
  let out = '';
  const h = Math.floor(s / 3600);
  if (h) { out += `${h}h`; s -= h * 3600; }
  const m = Math.floor(s / 60);
  if (h || m) { out += `${m}m`; s -= m * 60; }
  return out + `${trim(s.toFixed(3))}s`;
}

function trim(x: string): string {
  return x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x;
}

/** metav1.Time at second precision. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints (the runtime's CRI log timestamps). */
export function rfc3339Nano(ms: number, nanosExtra = 0): string {
  const base = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
  const nanos = (ms % 1000) * 1_000_000 + nanosExtra;
  return `${base}.${String(nanos).padStart(9, '0')}Z`;
}
