/** Glob patterns (`*`, `?`, `[…]`) as bash matches them in pathname expansion, `case` and `[[ == ]]`. */

/** Translates a glob to a RegExp source. `quotedMask[i]` marks characters that came from quotes (literal). */
export function globToRegex(pattern: string, quotedMask?: boolean[]): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const quoted = quotedMask?.[i] ?? false;
    if (!quoted && c === '*') re += '.*';
    else if (!quoted && c === '?') re += '.';
    else if (!quoted && c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = end;
    } else if (!quoted && c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
    } else re += escapeRe(c);
  }
  return re;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function hasGlob(s: string, quotedMask?: boolean[]): boolean {
  for (let i = 0; i < s.length; i++) if ((s[i] === '*' || s[i] === '?' || s[i] === '[') && !quotedMask?.[i]) return true;
  return false;
}

export function globMatch(pattern: string, text: string, quotedMask?: boolean[]): boolean {
  try {
    return new RegExp('^' + globToRegex(pattern, quotedMask) + '$', 's').test(text);
  } catch {
    return pattern === text;
  }
}

/** ${v#p} ${v##p} ${v%p} ${v%%p}: shortest/longest prefix/suffix removal. */
export function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  let re: RegExp;
  try {
    re = new RegExp('^' + globToRegex(pattern) + '$', 's');
  } catch {
    return value;
  }
  if (op === '#' || op === '##') {
    const lens = [...Array(value.length + 1).keys()];
    if (op === '##') lens.reverse();
    for (const n of lens) if (re.test(value.slice(0, n))) return value.slice(n);
  } else {
    const starts = [...Array(value.length + 1).keys()].reverse();
    if (op === '%%') starts.reverse();
    for (const s of starts) if (re.test(value.slice(s))) return value.slice(0, s);
  }
  return value;
}

/** ${v/p/r}, ${v//p/r}, ${v/#p/r}, ${v/%p/r}. */
export function replacePattern(value: string, pattern: string, rep: string, op: string): string {
  if (pattern === '') return value;
  let src = globToRegex(pattern);
  if (op === '/#') src = '^' + src;
  if (op === '/%') src = src + '$';
  let re: RegExp;
  try {
    re = new RegExp(src, op === '//' ? 'gs' : 's');
  } catch {
    return value;
  }
  return value.replace(re, () => rep);
}
