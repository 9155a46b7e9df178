/**
 * Which lines of two files changed, chosen the way GNU diff 3.x chooses them, so hunks match its output
 * byte for byte (diffutils src/io.c find_identical_ends, src/analyze.c discard_confusing_lines and
 * shift_boundaries, gnulib lib/diffseq.h diag/compareseq):
 * - the identical prefix and suffix are left out of the comparison except `horizon` lines on each side
 *   (the context size), which still take part;
 * - lines that match nothing in the other file are marked changed up front and hidden from the search, and
 *   lines matching very many lines are hidden when they sit inside such a run;
 * - Myers' O(ND) search from both ends finds a middle snake, recursively; its tie-breaks decide which of
 *   several equally short scripts is printed;
 * - each run of changes then slides down as far as identical lines allow, merging with neighbours, and back
 *   up to line up with a run in the other file.
 */

export interface Change {
  /** First affected line in each file (0-based); with nothing deleted, line0 is the line before which lines were inserted. */
  line0: number;
  line1: number;
  deleted: number;
  inserted: number;
}

/** Flags with a zero sentinel before index 0 and after the last line, as diff's `changed` vectors have. */
class Flags {
  private readonly v: Uint8Array;
  constructor(readonly length: number) {
    this.v = new Uint8Array(length + 2);
  }
  get(i: number): number {
    return this.v[i + 1] ?? 0;
  }
  set(i: number, x: number): void {
    this.v[i + 1] = x;
  }
}

/** Lines are compared as strings; a last line without its newline is a different line from the same text with one. */
export function compareLines(a: readonly string[], b: readonly string[], horizon: number): Change[] {
  const n0 = a.length;
  const n1 = b.length;
  let prefix = 0;
  while (prefix < n0 && prefix < n1 && a[prefix] === b[prefix]) prefix++;
  if (prefix === n0 && prefix === n1) return [];
  const start = Math.max(0, prefix - horizon);
  const cap = Math.min(n0, n1) - start;
  let suffix = 0;
  while (suffix < cap && a[n0 - 1 - suffix] === b[n1 - 1 - suffix]) suffix++;
  const kept = Math.min(horizon, suffix);
  const end0 = n0 - suffix + kept;
  const end1 = n1 - suffix + kept;

  // Equivalence classes over the lines taking part; class 0 stays unused as in io.c.
  const classes = new Map<string, number>();
  const classOf = (s: string) => {
    let c = classes.get(s);
    if (c === undefined) classes.set(s, (c = classes.size + 1));
    return c;
  };
  const eq0 = Array.from({ length: end0 - start }, (_, i) => classOf(a[start + i]));
  const eq1 = Array.from({ length: end1 - start }, (_, i) => classOf(b[start + i]));
  const files = [
    { equivs: eq0, changed: new Flags(eq0.length), undiscarded: [] as number[], real: [] as number[] },
    { equivs: eq1, changed: new Flags(eq1.length), undiscarded: [] as number[], real: [] as number[] },
  ];
  discardConfusingLines(files, classes.size + 1);

  const xv = files[0].undiscarded;
  const yv = files[1].undiscarded;
  let diags = xv.length + yv.length + 3;
  let tooExpensive = 1;
  for (; diags !== 0; diags >>= 2) tooExpensive <<= 1;
  const ctx: SeqContext = {
    xv,
    yv,
    fd: new Float64Array(xv.length + yv.length + 3),
    bd: new Float64Array(xv.length + yv.length + 3),
    off: yv.length + 1,
    tooExpensive: Math.max(4096, tooExpensive),
    noteDelete: (x) => files[0].changed.set(files[0].real[x], 1),
    noteInsert: (y) => files[1].changed.set(files[1].real[y], 1),
  };
  compareseq(0, xv.length, 0, yv.length, false, ctx);
  shiftBoundaries(files);

  // build_script: runs of changed lines, in order.
  const out: Change[] = [];
  const c0 = files[0].changed;
  const c1 = files[1].changed;
  let i0 = 0;
  let i1 = 0;
  while (i0 < eq0.length || i1 < eq1.length) {
    if (c0.get(i0) || c1.get(i1)) {
      const l0 = i0;
      const l1 = i1;
      while (c0.get(i0)) i0++;
      while (c1.get(i1)) i1++;
      out.push({ line0: start + l0, line1: start + l1, deleted: i0 - l0, inserted: i1 - l1 });
    }
    i0++;
    i1++;
  }
  return out;
}

interface FileLines {
  equivs: number[];
  changed: Flags;
  undiscarded: number[];
  real: number[];
}

function discardConfusingLines(files: FileLines[], equivMax: number): void {
  const counts = files.map((f) => {
    const c = new Array<number>(equivMax).fill(0);
    for (const e of f.equivs) c[e]++;
    return c;
  });
  const discarded = files.map((f, fi) => {
    const end = f.equivs.length;
    const other = counts[1 - fi];
    // MANY grows with the approximate square root of the number of lines.
    let many = 5;
    let tem = Math.floor(end / 64);
    while ((tem >>= 2) > 0) many *= 2;
    const d = new Uint8Array(end);
    for (let i = 0; i < end; i++) {
      const nmatch = other[f.equivs[i]];
      if (nmatch === 0) d[i] = 1;
      else if (nmatch > many) d[i] = 2;
    }
    return d;
  });
  for (const d of discarded) {
    const end = d.length;
    for (let i = 0; i < end; i++) {
      if (d[i] === 2) {
        d[i] = 0;
        continue;
      }
      if (d[i] === 0) continue;
      // A run of discardable lines starting with a definite one.
      let j = i;
      let provisional = 0;
      for (; j < end && d[j] !== 0; j++) if (d[j] === 2) provisional++;
      while (j > i && d[j - 1] === 2) {
        d[--j] = 0;
        provisional--;
      }
      const length = j - i;
      if (provisional * 4 > length) {
        while (j > i) if (d[--j] === 2) d[j] = 0;
        continue;
      }
      let minimum = 1;
      let t = length >> 2;
      while ((t >>= 2) > 0) minimum <<= 1;
      minimum++;
      let consec = 0;
      for (j = 0; j < length; j++) {
        if (d[i + j] !== 2) consec = 0;
        else if (minimum === ++consec) j -= consec;
        else if (minimum < consec) d[i + j] = 0;
      }
      consec = 0;
      for (j = 0; j < length; j++) {
        if (j >= 8 && d[i + j] === 1) break;
        if (d[i + j] === 2) {
          consec = 0;
          d[i + j] = 0;
        } else if (d[i + j] === 0) consec = 0;
        else consec++;
        if (consec === 3) break;
      }
      i += length - 1;
      consec = 0;
      for (j = 0; j < length; j++) {
        if (j >= 8 && d[i - j] === 1) break;
        if (d[i - j] === 2) {
          consec = 0;
          d[i - j] = 0;
        } else if (d[i - j] === 0) consec = 0;
        else consec++;
        if (consec === 3) break;
      }
    }
  }
  files.forEach((f, fi) => {
    const d = discarded[fi];
    for (let i = 0; i < f.equivs.length; i++) {
      if (d[i] === 0) {
        f.undiscarded.push(f.equivs[i]);
        f.real.push(i);
      } else f.changed.set(i, 1);
    }
  });
}

interface SeqContext {
  xv: number[];
  yv: number[];
  fd: Float64Array;
  bd: Float64Array;
  /** Index of diagonal 0 in fd/bd. */
  off: number;
  tooExpensive: number;
  noteDelete(x: number): void;
  noteInsert(y: number): void;
}

interface Partition {
  xmid: number;
  ymid: number;
  loMinimal: boolean;
  hiMinimal: boolean;
}

/** The middle snake of [xoff,xlim) × [yoff,ylim); both ends are known not to match. */
function diag(xoff: number, xlim: number, yoff: number, ylim: number, findMinimal: boolean, c: SeqContext): Partition {
  const { xv, yv, fd, bd, off } = c;
  const dmin = xoff - ylim;
  const dmax = xlim - yoff;
  const fmid = xoff - yoff;
  const bmid = xlim - ylim;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  const odd = ((fmid - bmid) & 1) !== 0;
  fd[off + fmid] = xoff;
  bd[off + bmid] = xlim;
  for (let cost = 1; ; cost++) {
    if (fmin > dmin) fd[off + --fmin - 1] = -1;
    else ++fmin;
    if (fmax < dmax) fd[off + ++fmax + 1] = -1;
    else --fmax;
    for (let d = fmax; d >= fmin; d -= 2) {
      const tlo = fd[off + d - 1];
      const thi = fd[off + d + 1];
      let x = tlo < thi ? thi : tlo + 1;
      let y = x - d;
      while (x < xlim && y < ylim && xv[x] === yv[y]) {
        x++;
        y++;
      }
      fd[off + d] = x;
      if (odd && bmin <= d && d <= bmax && bd[off + d] <= x) return { xmid: x, ymid: y, loMinimal: true, hiMinimal: true };
    }
    if (bmin > dmin) bd[off + --bmin - 1] = Number.MAX_SAFE_INTEGER;
    else ++bmin;
    if (bmax < dmax) bd[off + ++bmax + 1] = Number.MAX_SAFE_INTEGER;
    else --bmax;
    for (let d = bmax; d >= bmin; d -= 2) {
      const tlo = bd[off + d - 1];
      const thi = bd[off + d + 1];
      let x = tlo < thi ? tlo : thi - 1;
      let y = x - d;
      while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) {
        x--;
        y--;
      }
      bd[off + d] = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]) return { xmid: x, ymid: y, loMinimal: true, hiMinimal: true };
    }
    if (findMinimal) continue;
    // Gone well beyond the call of duty: split halfway between the best points so far.
    if (cost >= c.tooExpensive) {
      let fxybest = -1;
      let fxbest = 0;
      for (let d = fmax; d >= fmin; d -= 2) {
        let x = Math.min(fd[off + d], xlim);
        let y = x - d;
        if (ylim < y) {
          x = ylim + d;
          y = ylim;
        }
        if (fxybest < x + y) {
          fxybest = x + y;
          fxbest = x;
        }
      }
      let bxybest = Number.MAX_SAFE_INTEGER;
      let bxbest = 0;
      for (let d = bmax; d >= bmin; d -= 2) {
        let x = Math.max(xoff, bd[off + d]);
        let y = x - d;
        if (y < yoff) {
          x = yoff + d;
          y = yoff;
        }
        if (x + y < bxybest) {
          bxybest = x + y;
          bxbest = x;
        }
      }
      if (xlim + ylim - bxybest < fxybest - (xoff + yoff)) return { xmid: fxbest, ymid: fxybest - fxbest, loMinimal: true, hiMinimal: false };
      return { xmid: bxbest, ymid: bxybest - bxbest, loMinimal: false, hiMinimal: true };
    }
  }
}

function compareseq(xoff: number, xlim: number, yoff: number, ylim: number, findMinimal: boolean, c: SeqContext): void {
  const { xv, yv } = c;
  while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) {
    xoff++;
    yoff++;
  }
  while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) {
    xlim--;
    ylim--;
  }
  if (xoff === xlim) {
    for (; yoff < ylim; yoff++) c.noteInsert(yoff);
  } else if (yoff === ylim) {
    for (; xoff < xlim; xoff++) c.noteDelete(xoff);
  } else {
    const part = diag(xoff, xlim, yoff, ylim, findMinimal, c);
    compareseq(xoff, part.xmid, yoff, part.ymid, part.loMinimal, c);
    compareseq(part.xmid, xlim, part.ymid, ylim, part.hiMinimal, c);
  }
}

/** Slides each run of changes over identical lines: merge with neighbours, end as late as possible, line up with the other file. */
function shiftBoundaries(files: FileLines[]): void {
  for (let f = 0; f < 2; f++) {
    const changed = files[f].changed;
    const other = files[1 - f].changed;
    const equivs = files[f].equivs;
    const iEnd = equivs.length;
    let i = 0;
    let j = 0;
    for (;;) {
      while (i < iEnd && !changed.get(i)) {
        while (other.get(j++));
        i++;
      }
      if (i === iEnd) break;
      let start = i;
      while (changed.get(++i));
      while (other.get(j)) j++;
      let runlength: number;
      let corresponding: number;
      do {
        runlength = i - start;
        while (start && equivs[start - 1] === equivs[i - 1]) {
          changed.set(--start, 1);
          changed.set(--i, 0);
          while (changed.get(start - 1)) start--;
          while (other.get(--j));
        }
        corresponding = other.get(j - 1) ? i : iEnd;
        while (i !== iEnd && equivs[start] === equivs[i]) {
          changed.set(start++, 0);
          changed.set(i++, 1);
          while (changed.get(i)) i++;
          while (other.get(++j)) corresponding = i;
        }
      } while (runlength !== i - start);
      while (corresponding < i) {
        changed.set(--start, 1);
        changed.set(--i, 0);
        while (other.get(--j));
      }
    }
  }
}
