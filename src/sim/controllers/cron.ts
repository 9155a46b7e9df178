/**
 * Cron schedules as the CronJob controller parses them (github.com/robfig/cron/v3 ParseStandard):
 * five fields (minute hour day-of-month month day-of-week), `*` `?` lists ranges steps and names
 * (JAN–DEC, SUN–SAT), descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly and @every <dur>,
 * an optional CRON_TZ=/TZ= prefix. Day matching follows robfig's dayMatches: when both day fields are
 * restricted either may match, otherwise both must. Times are evaluated in the schedule's IANA time zone.
 */

export interface CronSchedule {
  next(afterMs: number): number;
  /** The time zone the fields are read in ('UTC' by default). */
  readonly timeZone: string;
}

const STAR = 1n << 63n;

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DOW },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronParseError extends Error {}

function parseValue(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

function parseField(expr: string, b: Bounds): bigint {
  let bits = 0n;
  for (const part of expr.split(',')) {
    const [rangePart, stepPart, extraStep] = part.split('/');
    if (extraStep !== undefined) throw new CronParseError(`too many slashes: ${part}`);
    let start: number;
    let end: number;
    let extra = 0n;
    const lowHigh = rangePart.split('-');
    if (lowHigh.length > 2) throw new CronParseError(`too many hyphens: ${part}`);
    if (lowHigh[0] === '*' || lowHigh[0] === '?') {
      start = b.min;
      end = b.max;
      extra = STAR;
    } else {
      start = parseValue(lowHigh[0], b);
      end = lowHigh.length === 2 ? parseValue(lowHigh[1], b) : start;
    }
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart)) throw new CronParseError(`failed to parse int from ${stepPart}: strconv.Atoi: parsing "${stepPart}": invalid syntax`);
      step = Number(stepPart);
      if (lowHigh.length === 1 && extra === 0n) end = b.max; // "N/step" means N-max/step
      if (step > 1) extra = 0n;
    }
    if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${part}`);
    if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${part}`);
    if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${part}`);
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${part}`);
    for (let i = start; i <= end; i += step) bits |= 1n << BigInt(i);
    bits |= extra;
  }
  return bits;
}

/** Go duration strings for @every: "1h30m", "90s", "2m". */
export function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * units[m[2]];
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

export function parseSchedule(spec: string, timeZone = 'UTC'): CronSchedule {
  let s = spec.trim();
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(s);
  if (tz) {
    timeZone = tz[1];
    s = tz[2].trim();
  }
  if (!isValidTimeZone(timeZone)) throw new CronParseError(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
  if (s.startsWith('@every ')) {
    const d = parseGoDuration(s.slice(7).trim());
    if (d === undefined) throw new CronParseError(`failed to parse duration ${s}: time: invalid duration "${s.slice(7).trim()}"`);
    const delay = Math.max(1000, Math.floor(d / 1000) * 1000);
    return { timeZone, next: (after) => Math.floor(after / 1000) * 1000 + delay };
  }
  if (s.startsWith('@')) {
    const d = DESCRIPTORS[s.toLowerCase()];
    if (!d) throw new CronParseError(`unrecognized descriptor: ${s}`);
    s = d;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: ${s}`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]));
  const has = (bits: bigint, v: number) => (bits & (1n << BigInt(v))) !== 0n;
  const dayMatches = (d: LocalTime) => {
    const domOk = has(dom, d.day);
    const dowOk = has(dow, d.weekday);
    return (dom & STAR) !== 0n || (dow & STAR) !== 0n ? domOk && dowOk : domOk || dowOk;
  };
  const fmt = formatterFor(timeZone);
  return {
    timeZone,
    next(after: number): number {
      // start at the next whole minute
      let t = Math.floor(after / 60_000) * 60_000 + 60_000;
      const limit = t + 5 * 366 * 86_400_000;
      while (t < limit) {
        const l = local(fmt, t);
        if (!has(month, l.month)) {
          t += (24 * 60 - l.hour * 60 - l.minute) * 60_000;
          continue;
        }
        if (!dayMatches(l)) {
          t += (24 * 60 - l.hour * 60 - l.minute) * 60_000;
          continue;
        }
        if (!has(hour, l.hour)) {
          t += (60 - l.minute) * 60_000;
          continue;
        }
        if (!has(minute, l.minute)) {
          t += 60_000;
          continue;
        }
        return t;
      }
      return Number.POSITIVE_INFINITY;
    },
  };
}

interface LocalTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(tz: string): Intl.DateTimeFormat | null {
  if (tz === 'UTC' || tz === 'Etc/UTC') return null;
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function local(fmt: Intl.DateTimeFormat | null, t: number): LocalTime {
  if (!fmt) {
    const d = new Date(t);
    return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(t))) parts[p.type] = p.value;
  return { month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), weekday: WEEKDAYS[parts.weekday] ?? 0 };
}

export function isValidTimeZone(tz: string): boolean {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The UTC offset of `tz` at instant t, in minutes (for RFC 3339 timestamps in the CronJob's zone). */
export function offsetMinutes(tz: string, t: number): number {
  const fmt = formatterFor(tz);
  if (!fmt) return 0;
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(t))) parts[p.type] = p.value;
  const asUTC = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return Math.round((asUTC - Math.floor(t / 1000) * 1000) / 60_000);
}

/** RFC 3339 at second precision in the given zone (`2026-11-25T10:00:00+01:00`, or `Z` for UTC). */
export function rfc3339In(tz: string, t: number): string {
  const off = offsetMinutes(tz, t);
  const base = new Date(t + off * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return base + 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${base}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
