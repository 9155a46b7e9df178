/**
 * What may differ between the two runs of a conformance case, and nothing else:
 * - the server URL (ours is the k3d kubeconfig's https://0.0.0.0:<port>, the real kubectl talks to http://127.0.0.1:<port>);
 * - times the real kubectl computes from its own wall clock: the Age column of describe's Events table (and its
 *   "(xN over D)" counts), and the LAST SEEN column of `kubectl events`;
 * - the default of `--cache-dir` that `kubectl options` prints: a directory of the machine running the real kubectl
 *   (the harness gives each run a fresh one), against the learner's home in the simulated shell.
 * - kubectl diff's temporary folders (/tmp/LIVE-<random>, /tmp/MERGED-<random>) and the modification times diff
 *   prints for the files in them.
 * - the order of the entries under describe's `Data` heading for ConfigMaps and Secrets: describeConfigMap and
 *   describeSecret range over a Go map, so the real kubectl prints them in a random order (a 2-key ConfigMap comes
 *   out reversed about one run in eight); both sides are put in key order.
 */

// No \b before the scheme: cluster-info colours the URL, so it follows the `m` of an ANSI escape.
const SERVER_URL = /https?:\/\/(?:0\.0\.0\.0|127\.0\.0\.1|localhost):\d+/g;
const DURATION = /^(?:<unknown>|<invalid>|\d+(?:\.\d+)?[smhdy](?:\d+[smhd])?)$/;

const CACHE_DIR_DEFAULT = /^(\s+--cache-dir=)'[^']*'(:)$/gm;
// kubectl diff: os.MkdirTemp's random suffix, and the times of the files in GNU diff's headers (the real files
// are written at wall-clock time, ours at virtual time).
const DIFF_TEMP_DIR = /\/tmp\/(LIVE|MERGED)-\d+/g;
const DIFF_FILE_TIME = /^((?:\x1b\[1m)?(?:---|\+\+\+) \S+)\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}(\x1b\[0m)?$/gm;

/** The entries of each describe `Data` section in key order (see above); everything else untouched. */
export function sortDescribeData(text: string): string {
  return text.replace(/(\nData\n====\n)([\s\S]*?)(?=\n(?:BinaryData\n====|Events:)|$)/g, (_, head: string, body: string) => {
    // Secret: one `key:  N bytes` line per entry (tabwriter pads the column across all of them, in any order).
    if (/^[^\n]*:\s+\d+ bytes(\n[^\n]*:\s+\d+ bytes)*\n?$/.test(body)) {
      const end = body.endsWith('\n') ? '\n' : '';
      return head + body.replace(/\n$/, '').split('\n').sort().join('\n') + end;
    }
    // ConfigMap: `key:\n----\nvalue\n` entries, values of any number of lines.
    const starts = [...body.matchAll(/^[^\n]+:\n----\n/gm)].map((m) => m.index!);
    if (starts.length < 2 || starts[0] !== 0) return head + body;
    const entries = starts.map((at, i) => body.slice(at, starts[i + 1] ?? body.length));
    const last = entries.length - 1;
    // The last entry carries no trailing blank line of its own; give every entry the same ending to sort them.
    const tail = entries[last].match(/\n*$/)![0];
    const norm = entries.map((e, i) => (i === last ? e.slice(0, e.length - tail.length) + '\n\n' : e));
    norm.sort();
    const joined = norm.join('');
    return head + joined.slice(0, joined.length - 2) + tail;
  });
}

export function normalizeOutput(text: string): string {
  const lines = sortDescribeData(text)
    .replace(SERVER_URL, '<server>')
    .replace(CACHE_DIR_DEFAULT, "$1'<cache-dir>'$2")
    .replace(DIFF_TEMP_DIR, '/tmp/$1-<n>')
    .replace(DIFF_FILE_TIME, '$1\t<time>$2')
    .split('\n');
  let inEvents = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*Type\s+Reason\s+Age\s+From\s+Message\s*$/.test(line)) {
      // The column widths follow the ages, so the table is compared cell by cell, not by layout.
      inEvents = true;
      lines[i] = line.trim().split(/\s{2,}/).join('\t');
      continue;
    }
    if (!inEvents) continue;
    if (line.trim() === '' || !/^\s+\S/.test(line)) {
      inEvents = false;
      continue;
    }
    const cells = line.trim().split(/\s{2,}/);
    if (/^-+$/.test(cells[0])) {
      lines[i] = cells.join('\t');
      continue;
    }
    // Type, Reason, Age [(xN over D)], From, Message
    if (cells.length >= 4 && DURATION.test(cells[2].split(' ')[0])) cells[2] = cells[2].replace(/^\S+/, '<age>');
    lines[i] = cells.join('\t');
  }
  return lines.join('\n').replace(/\(x(\d+) over [^)]+\)/g, '(x$1 over <age>)');
}
