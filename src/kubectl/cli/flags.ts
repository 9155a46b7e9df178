/**
 * A pflag-compatible flag parser: long and shorthand forms, `--x=v`, `-x v`, `-xv`, `-x=v`, stacked booleans
 * (`-it`), interspersed positionals, `--` ending flags. Error texts are pflag's (spf13/pflag flag.go):
 * `unknown flag: --foo`, `unknown shorthand flag: 'z' in -z`, `flag needs an argument: 'n' in -n`,
 * `invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax`.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'duration' | 'stringArray' | 'stringSlice' | 'map';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  def: string;
  /** Value used when the flag is given without `=value` (pflag NoOptDefVal); bools use "true". */
  noOpt?: string;
}

export type FlagValue = string | boolean | number | string[];

export class FlagError extends Error {}

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  changed: Set<string>;
  args: string[];
  /** Index in args where `--` appeared, or -1 (cobra's ArgsLenAtDash). */
  dashAt: number;
}

function defaultValue(s: FlagSpec): FlagValue {
  switch (s.type) {
    case 'bool':
      return s.def === 'true';
    case 'int':
      return Number(s.def || 0);
    case 'stringArray':
    case 'stringSlice':
      return s.def === '[]' || s.def === '' ? [] : s.def.replace(/^\[|\]$/g, '').split(',');
    case 'map':
      return [];
    default:
      return s.def;
  }
}

/** Go's time.ParseDuration for the common units; returns milliseconds or undefined. */
export function parseGoDuration(v: string): number | undefined {
  if (v === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  const sign = v.startsWith('-') ? -1 : 1;
  const body = v.replace(/^[-+]/, '');
  if (!body) return undefined;
  while ((m = re.exec(body))) {
    const n = Number(m[1]);
    const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ns'];
    total += n * unit;
    pos = re.lastIndex;
  }
  if (pos !== body.length) return undefined;
  return sign * total;
}

function label(s: FlagSpec): string {
  return s.short ? `-${s.short}, --${s.name}` : `--${s.name}`;
}

function setValue(out: ParsedFlags, s: FlagSpec, raw: string): void {
  const prev = out.values.get(s.name);
  switch (s.type) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw new FlagError(`invalid argument "${raw}" for "${label(s)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      out.values.set(s.name, b);
      break;
    }
    case 'int': {
      if (!/^[-+]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${label(s)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      out.values.set(s.name, Number(raw));
      break;
    }
    case 'duration': {
      if (parseGoDuration(raw) === undefined) throw new FlagError(`invalid argument "${raw}" for "${label(s)}" flag: time: invalid duration "${raw}"`);
      out.values.set(s.name, raw);
      break;
    }
    case 'stringArray':
    case 'stringSlice':
    case 'map': {
      const base = out.changed.has(s.name) && Array.isArray(prev) ? prev : [];
      // pflag's StringSlice splits on commas (as CSV); StringArray keeps each value whole.
      const parts = s.type === 'stringSlice' ? (raw === '' ? [] : raw.split(',')) : [raw];
      out.values.set(s.name, [...base, ...parts]);
      break;
    }
    default:
      out.values.set(s.name, raw);
  }
  out.changed.add(s.name);
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const out: ParsedFlags = { values: new Map(), changed: new Set(), args: [], dashAt: -1 };
  for (const s of specs) out.values.set(s.name, defaultValue(s));
  const noOpt = (s: FlagSpec) => (s.type === 'bool' ? 'true' : s.noOpt);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.dashAt = out.args.length;
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const s = byName.get(name);
      if (!s) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(out, s, a.slice(eq + 1));
      else if (noOpt(s) !== undefined) setValue(out, s, noOpt(s)!);
      else if (i + 1 < argv.length) setValue(out, s, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length) {
        const c = rest[0];
        const s = byShort.get(c);
        if (!s) throw new FlagError(`unknown shorthand flag: '${c}' in -${rest}`);
        if (rest.length > 2 && rest[1] === '=') {
          setValue(out, s, rest.slice(2));
          break;
        }
        if (noOpt(s) !== undefined) {
          setValue(out, s, noOpt(s)!);
          rest = rest.slice(1);
          continue;
        }
        if (rest.length > 1) {
          setValue(out, s, rest.slice(1));
          break;
        }
        if (i + 1 < argv.length) {
          setValue(out, s, argv[++i]);
          break;
        }
        throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
      }
      continue;
    }
    out.args.push(a);
  }
  return out;
}

/** Typed accessors over ParsedFlags. */
export class Flags {
  constructor(readonly p: ParsedFlags) {}
  str(name: string): string {
    const v = this.p.values.get(name);
    return typeof v === 'string' ? v : v === undefined ? '' : String(v);
  }
  bool(name: string): boolean {
    return this.p.values.get(name) === true;
  }
  int(name: string): number {
    const v = this.p.values.get(name);
    return typeof v === 'number' ? v : Number(v ?? 0);
  }
  list(name: string): string[] {
    const v = this.p.values.get(name);
    return Array.isArray(v) ? v : v ? [String(v)] : [];
  }
  changed(name: string): boolean {
    return this.p.changed.has(name);
  }
  durationMs(name: string): number {
    return parseGoDuration(this.str(name)) ?? 0;
  }
  get args(): string[] {
    return this.p.args;
  }
}
