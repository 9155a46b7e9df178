#!/usr/bin/env node
/**
 * Generates src/sim/apiserver/schema/data/*.json from the `kubernetes-models` package (its .d.ts files are
 * generated from the upstream Kubernetes OpenAPI spec: field names, types, required fields, enums and the
 * field descriptions that `kubectl explain` prints).
 *
 * The package does not carry the strategic-merge-patch metadata, so it is merged in from
 * scripts/schema/patch-tags.json: the `patchStrategy`/`patchMergeKey` struct tags and the
 * `+listType`/`+listMapKey` markers of staging/src/k8s.io/api/<group>/<version>/types.go (and
 * apimachinery pkg/apis/meta/v1/types.go for ObjectMeta), keyed `<group>/<version>.<Type>.<field>`.
 *
 * The Go type of each field (for the decoder's `cannot unmarshal ... of type int32` texts) comes from
 * scripts/schema/go-types.json, read from the same types.go files.
 *
 * Output:
 *   data/types.json  per definition its kind and fields (type, required, patch metadata, Go type), in the compact
 *                    text form of src/sim/apiserver/schema/encoding.ts (it ships with the browser's terminal)
 *   data/docs.json   descriptions and enums for `kubectl explain` and the OpenAPI v3 documents (loaded lazily)
 *
 * Usage: node scripts/gen-schema.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { isDeepStrictEqual } from 'node:util';
import { register } from 'tsx/esm/api';

// The encoder and its decoder are the simulator's own (one definition of the format).
register();
const { encodeSchema, decodeSchema, goTypeOf } = await import('../src/sim/apiserver/schema/encoding.ts');

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
const modelsDir = path.dirname(require.resolve('kubernetes-models/package.json'));
const machineryDir = path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));
const outDir = path.join(root, 'src/sim/apiserver/schema/data');

/** The group/versions the simulated API server serves (see src/sim/apiserver/registry.ts). */
const GROUP_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
];

/** The OpenAPI definition-name prefix of a models directory (`apps/v1` → `io.k8s.api.apps.v1`). */
function packagePrefix(gv) {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  if (group === '') return `io.k8s.api.core.${version}`;
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}`;
  return `io.k8s.api.${group.split('.')[0]}.${version}`;
}

/** The patch-tags key prefix of a definition (`io.k8s.api.core.v1.PodSpec` → `core/v1.PodSpec`). */
function tagPrefix(defName) {
  const m = /^io\.k8s\.api\.([a-z0-9]+)\.(v[0-9a-z]+)\.(\w+)$/.exec(defName);
  if (m) return `${m[1]}/${m[2]}.${m[3]}`;
  const meta = /^io\.k8s\.apimachinery\.pkg\.apis\.meta\.(v1)\.(\w+)$/.exec(defName);
  if (meta) return `meta/${meta[1]}.${meta[2]}`;
  return undefined;
}

const SCALARS = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'Time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'MicroTime',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'Quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'IntOrString',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'object',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'object',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': 'object',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': 'object',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': 'object',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': 'object',
};

const patchTags = JSON.parse(fs.readFileSync(path.join(root, 'scripts/schema/patch-tags.json'), 'utf8'));
const goTypes = JSON.parse(fs.readFileSync(path.join(root, 'scripts/schema/go-types.json'), 'utf8'));
// EphemeralContainerCommon is inlined into EphemeralContainer in the OpenAPI definitions.
for (const table of [patchTags, goTypes]) {
  for (const [k, v] of Object.entries(table)) {
    if (k.startsWith('core/v1.EphemeralContainerCommon.')) table[k.replace('EphemeralContainerCommon', 'EphemeralContainer')] = v;
  }
}

/** Resolves a .d.ts file to its definition name. */
function defNameOfFile(file) {
  const rel = path.relative(modelsDir, file);
  if (!rel.startsWith('..')) {
    const parts = rel.replace(/\.d\.ts$/, '').split(path.sep);
    const name = parts.pop();
    return `${packagePrefix(parts.join('/'))}.${name}`;
  }
  const mrel = path.relative(machineryDir, file).replace(/\.d\.ts$/, '');
  return `io.k8s.apimachinery.pkg.${mrel.split(path.sep).join('.')}`;
}

function resolveImport(fromFile, spec) {
  let target;
  if (spec.startsWith('.')) target = path.resolve(path.dirname(fromFile), spec.replace(/\.js$/, ''));
  else if (spec.startsWith('@kubernetes-models/apimachinery/')) target = path.join(machineryDir, spec.slice('@kubernetes-models/apimachinery/'.length));
  else return undefined;
  return `${target}.d.ts`;
}

function jsDocText(node, sf) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  const last = ranges.filter((r) => sf.text.slice(r.pos, r.pos + 3) === '/**').pop();
  if (!last) return '';
  const raw = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = raw.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n').replace(/\s+$/, '');
}

/** The enum values listed in a "Possible enum values:" paragraph. */
function splitEnum(doc) {
  const i = doc.indexOf('\n\nPossible enum values:');
  if (i < 0) return { doc, values: undefined };
  const values = [...doc.slice(i).matchAll(/^ - `"([^"]*)"`/gm)].map((m) => m[1]);
  return { doc: doc.slice(0, i), values };
}

const types = {};
const docs = {};
const kinds = {};
const visited = new Set();
const queue = [];

function enqueue(file) {
  if (!visited.has(file) && fs.existsSync(file)) {
    visited.add(file);
    queue.push(file);
  }
}

function typeRef(node, imports, file) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'integer';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return 'object';
    case ts.SyntaxKind.LiteralType:
      return 'string';
    case ts.SyntaxKind.UnionType: {
      const kindsIn = new Set(node.types.map((t) => typeRef(t, imports, file)));
      if (kindsIn.size === 1) return [...kindsIn][0];
      return 'object';
    }
    case ts.SyntaxKind.ParenthesizedType:
      return typeRef(node.type, imports, file);
    case ts.SyntaxKind.ArrayType:
      return `[]${typeRef(node.elementType, imports, file)}`;
    case ts.SyntaxKind.TypeLiteral: {
      const idx = node.members.find((m) => m.kind === ts.SyntaxKind.IndexSignature);
      return idx ? `{}${typeRef(idx.type, imports, file)}` : 'object';
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) return `[]${typeRef(node.typeArguments[0], imports, file)}`;
      if (name === 'Record' && node.typeArguments?.length === 2) return `{}${typeRef(node.typeArguments[1], imports, file)}`;
      const target = imports.get(name);
      if (!target) return 'object';
      const def = defNameOfFile(target);
      if (SCALARS[def]) return SCALARS[def];
      enqueue(target);
      return def;
    }
    default:
      return 'object';
  }
}

function processFile(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const target = resolveImport(file, st.moduleSpecifier.text);
      if (!target) continue;
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, target);
    }
  }
  const iface = sf.statements.find((st) => ts.isInterfaceDeclaration(st));
  const def = defNameOfFile(file);
  if (!iface) return;
  const fields = {};
  const fieldDocs = { '': jsDocText(iface, sf) };
  let apiVersion;
  let kind;
  for (const m of iface.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.text ?? m.name.getText().replace(/"/g, '');
    if (name === 'apiVersion' && m.type.kind === ts.SyntaxKind.LiteralType) apiVersion = m.type.literal.text;
    if (name === 'kind' && m.type.kind === ts.SyntaxKind.LiteralType) kind = m.type.literal.text;
    const entry = { t: typeRef(m.type, imports, file) };
    if (!m.questionToken) entry.r = 1;
    const prefix = tagPrefix(def);
    const tag = prefix ? patchTags[`${prefix}.${name}`] : undefined;
    if (tag) Object.assign(entry, tag);
    const goType = prefix ? goTypes[`${prefix}.${name}`] : undefined;
    if (goType) entry.g = goType;
    fields[name] = entry;
    // The description keeps its "Possible enum values" paragraph: kubectl explain prints it.
    const full = jsDocText(m, sf);
    const { values } = splitEnum(full);
    fieldDocs[name] = values ? { d: full, e: values } : full;
  }
  // TypeMeta fields come from the base interface; every kind has them.
  if (iface.heritageClauses?.some((h) => h.getText().includes('TypeMeta'))) {
    fields.apiVersion ??= { t: 'string' };
    fields.kind ??= { t: 'string' };
  }
  types[def] = { f: fields };
  docs[def] = fieldDocs;
  if (apiVersion && kind) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    types[def].k = [group, version, kind];
    kinds[`${group}/${version}/${kind}`] = def;
  }
}

for (const gv of GROUP_VERSIONS) {
  const dir = path.join(modelsDir, gv);
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.d.ts') && n !== 'index.d.ts').sort()) enqueue(path.join(dir, f));
}
// metav1.Status declares apiVersion and kind itself: its docs are the standard TypeMeta texts.
enqueue(path.join(machineryDir, 'apis/meta/v1/Status.d.ts'));
while (queue.length) processFile(queue.shift());

// Every kind carries the standard TypeMeta descriptions, as in the OpenAPI spec.
const statusDocs = docs['io.k8s.apimachinery.pkg.apis.meta.v1.Status'];
for (const d of Object.values(docs)) {
  for (const k of ['apiVersion', 'kind']) if (d[k] === '') d[k] = statusDocs[k];
}
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
fs.mkdirSync(outDir, { recursive: true });
const definitions = encodeSchema(sorted(types));
// The text must give back exactly these tables (Go types equal to the derived default are left out).
const expected = JSON.parse(JSON.stringify(sorted(types)));
for (const def of Object.values(expected)) for (const f of Object.values(def.f)) if (f.g === goTypeOf(f.t)) delete f.g;
const back = decodeSchema(definitions);
if (!isDeepStrictEqual(back.types, expected) || !isDeepStrictEqual(back.kinds, kinds)) throw new Error('gen-schema: the compact schema does not decode to the same tables');
fs.writeFileSync(path.join(outDir, 'types.json'), JSON.stringify({ definitions }) + '\n');
fs.writeFileSync(path.join(outDir, 'docs.json'), JSON.stringify(sorted(docs)));
const size = (f) => fs.statSync(path.join(outDir, f)).size;
console.log(`kinds ${Object.keys(kinds).length}, definitions ${Object.keys(types).length}; types.json ${size('types.json')} B, docs.json ${size('docs.json')} B`);
