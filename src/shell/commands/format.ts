/** printf formatting and echo -e escapes, as GNU coreutils/bash implement them. */

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', E: '\x1b', '\\': '\\' };

/** Backslash escapes of `echo -e` and printf's %b; `\c` stops output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (Object.hasOwn(ESC, n)) out += ESC[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

/** printf FORMAT ARGS…: the format is reused until the arguments run out. */
export function formatPrintf(format: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let out = '';
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const num = (a: string | undefined, float: boolean): number => {
    if (a === undefined || a === '') return 0;
    if (/^['"]./.test(a)) return a.codePointAt(1)!;
    const t = a.trim();
    const v = float ? Number(t) : /^[-+]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[-+]?0[0-7]+$/.test(t) ? parseInt(t, 8) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(v)) {
      errors.push(`${a}: invalid number`);
      const lead = /^[-+]?\d+/.exec(t);
      return lead ? Number(lead[0]) : 0;
    }
    return v;
  };
  let guard = 0;
  do {
    const consumedBefore = ai;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const r = echoEscapes(format.slice(i, i + 5));
        // one escape: find how many chars it used
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(format.slice(i));
        const len = m ? m[0].length : 1;
        const esc = format.slice(i, i + len);
        if (/^\\[0-7]/.test(esc) && !/^\\0/.test(esc)) out += String.fromCharCode(parseInt(esc.slice(1), 8));
        else if (esc === '\\"') out += '"';
        else if (esc === "\\'") out += "'";
        else out += echoEscapes(esc).text;
        void r;
        i += len - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdioxXucfeEgGbq%])/.exec(format.slice(i));
      if (!m) {
        const bad = format[i + 1];
        if (bad === undefined) out += '%';
        else {
          errors.push(`%${bad}: invalid directive`);
          return { text: out, errors };
        }
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, p, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? num(next(), false) : w ? Number(w) : 0;
      const prec = p === '*' ? num(next(), false) : p !== undefined ? Number(p) : undefined;
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b':
          s = echoEscapes(arg ?? '').text;
          break;
        case 'q':
          s = arg === undefined || arg === '' ? "''" : /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : arg.replace(/([^A-Za-z0-9_@%+=:,./-])/g, '\\$1');
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const v = Math.trunc(num(arg, false));
          s = String(Math.abs(v));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
          s = Math.trunc(num(arg, false)).toString(8);
          break;
        case 'x':
        case 'X': {
          s = Math.trunc(num(arg, false)).toString(16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && s !== '0') s = (conv === 'X' ? '0X' : '0x') + s;
          break;
        }
        case 'f':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          const v = num(arg, true);
          const pr = prec ?? 6;
          s = conv === 'f' ? v.toFixed(pr) : conv === 'e' || conv === 'E' ? v.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(v.toPrecision(pr || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (flags.includes('+') && v >= 0) s = '+' + s;
          break;
        }
        default:
          s = arg ?? '';
      }
      if (s.length < width) {
        if (flags.includes('-')) s = s.padEnd(width);
        else if (flags.includes('0') && /[diouxXfeEgG]/.test(conv)) {
          const sign = /^[-+ ]/.test(s) ? s[0] : '';
          s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
        } else s = s.padStart(width);
      }
      out += s;
    }
    if (ai === consumedBefore) break;
  } while (ai < args.length && ++guard < 10000);
  return { text: out, errors };
}
