#!/usr/bin/env node
// Generates src/kubectl/help/{commands,texts}.json from the real kubectl binary's own help output, so the help
// texts and flag tables kubelab prints are the tool's text rather than a hand copy. commands.json (the tree:
// flags, aliases, subcommands) is needed by every kubectl invocation; texts.json (the help pages, most of the
// bytes) is loaded on demand the first time help is printed. Usage:
//   node scripts/gen-kubectl-help.mjs [path-to-kubectl.1.31]
// Without an argument it resolves `kubectl` on PATH and uses the versioned binary next to its real path.
import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MINOR = '1.31';
function findKubectl() {
  if (process.argv[2]) return process.argv[2];
  const which = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
  const candidate = join(dirname(realpathSync(which)), `kubectl.${MINOR}`);
  if (!existsSync(candidate)) throw new Error(`no kubectl.${MINOR} next to ${which}`);
  return candidate;
}
const bin = findKubectl();
const env = { PATH: '/nonexistent', HOME: '/nonexistent', TZ: 'UTC', KUBECONFIG: '/nonexistent/config' };
const run = (args) => {
  try {
    return execFileSync(bin, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return String(e.stdout ?? '');
  }
};

/** Parses an "Options:" block: `    -w, --watch=false:` then tab-indented description lines. */
function parseFlags(text) {
  const out = [];
  const lines = text.split('\n');
  for (const line of lines) {
    const m = /^    (?:-(\w), )?--([\w-]+)=(.*):$/.exec(line);
    if (!m) continue;
    const [, short, name, def] = m;
    let type = 'string';
    if (def === 'false' || def === 'true') type = 'bool';
    else if (/^-?\d+$/.test(def)) type = 'int';
    else if (/^-?\d+(s|ms|m|h)$|^0s$/.test(def)) type = 'duration';
    else if (def.startsWith('[')) type = 'stringArray';
    else if (def.startsWith('map[')) type = 'map';
    out.push({ name, short: short || undefined, type, def: def.replace(/^'(.*)'$/, '$1') });
  }
  return out;
}

function subcommands(text) {
  const m = /Available Commands:\n([\s\S]*?)\n\n/.exec(text);
  if (!m) return [];
  return m[1].split('\n').map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);
}

function rootCommands(text) {
  const names = [];
  for (const l of text.split('\n')) {
    const m = /^  ([a-z][\w-]*)\s{2,}/.exec(l);
    if (m) names.push(m[1]);
  }
  return names;
}

const root = run([]);
const commands = {};
function visit(path) {
  const help = run([...path, '--help']);
  const aliasM = /Aliases:\n(.*)\n/.exec(help);
  const aliases = aliasM ? aliasM[1].split(',').map((s) => s.trim()).filter((a) => a !== path[path.length - 1]) : [];
  const subs = subcommands(help);
  commands[path.join(' ')] = { help, flags: parseFlags(help), aliases, subcommands: subs };
  for (const s of subs) visit([...path, s]);
}
for (const c of rootCommands(root)) visit([c]);
const options = run(['options']);
const generatedFrom = run(['version', '--client']).split('\n')[0];
const tree = {
  generatedFrom,
  rootCommands: rootCommands(root),
  globalFlags: parseFlags(options),
  commands: Object.fromEntries(Object.entries(commands).map(([path, c]) => [path, { flags: c.flags, aliases: c.aliases, subcommands: c.subcommands }])),
};
const texts = {
  generatedFrom,
  root,
  options,
  commands: Object.fromEntries(Object.entries(commands).map(([path, c]) => [path, c.help])),
};
const outDir = join(dirname(new URL(import.meta.url).pathname), '..', 'src', 'kubectl', 'help');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'commands.json'), JSON.stringify(tree) + '\n');
writeFileSync(join(outDir, 'texts.json'), JSON.stringify(texts) + '\n');
console.log(`${Object.keys(commands).length} commands from ${generatedFrom}`);
