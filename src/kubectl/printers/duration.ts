/**
 * Times as kubectl prints them: ages (apimachinery pkg/util/duration's HumanDuration) and RFC1123Z timestamps.
 */
// kubectl and the API server's Table printer share one HumanDuration, as both use apimachinery's in Kubernetes.
import { humanDuration } from '../../sim/apiserver/tables/duration';

export { humanDuration };

/** translateTimestampSince: `<unknown>` for a missing timestamp. */
export function ageSince(ts: string | null | undefined, nowMs: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** RFC1123Z in UTC, as describe prints times: `Wed, 25 Nov 2026 15:02:41 +0000`. */
export function rfc1123z(ts: string | number): string {
  const d = new Date(typeof ts === 'number' ? ts : Date.parse(ts));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
