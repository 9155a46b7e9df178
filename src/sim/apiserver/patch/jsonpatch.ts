/**
 * JSON patch (RFC 6902) for application/json-patch+json, with the error texts of the library the API server
 * uses (gopkg.in/evanphx/json-patch.v4 patch.go: "add operation does not apply: doc is missing path", "Unable
 * to remove nonexistent key", "testing value %s failed: test failed", ...). The server answers 422 with them.
 */
import { clone, deepEqual, isObject, type JsonObject } from './json';
import { PatchError } from './errors';

const MISSING = 'missing value';
const TEST_FAILED = 'test failed';
const INVALID_INDEX = 'invalid index referenced';

type Container = { kind: 'map'; obj: JsonObject } | { kind: 'array'; arr: unknown[]; parent: JsonObject | unknown[]; parentKey: string | number };

function unescape(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** findObject: the container holding the last segment, or undefined when an intermediate is missing. */
function findObject(doc: { root: unknown }, path: string): { con?: Container; key: string } {
  if (path === '') return { key: '' };
  const parts = path.split('/').slice(1).map(unescape);
  const key = parts.pop() ?? '';
  let cur: unknown = doc.root;
  let parent: JsonObject | unknown[] = doc as unknown as JsonObject;
  let parentKey: string | number = 'root';
  for (const p of parts) {
    let next: unknown;
    if (Array.isArray(cur)) {
      const idx = Number(p);
      if (!/^-?\d+$/.test(p) || idx < 0 || idx >= cur.length) return { key };
      next = cur[idx];
      parent = cur;
      parentKey = idx;
    } else if (isObject(cur)) {
      next = cur[p];
      parent = cur;
      parentKey = p;
    } else return { key };
    if (next === undefined || next === null) return { key };
    cur = next;
  }
  if (Array.isArray(cur)) return { con: { kind: 'array', arr: cur, parent, parentKey }, key };
  if (isObject(cur)) return { con: { kind: 'map', obj: cur }, key };
  return { key };
}

function index(key: string, len: number, forAdd: boolean): number {
  if (!/^-?\d+$/.test(key)) throw new PatchError(`Unable to access invalid index: ${key}: ${INVALID_INDEX}`);
  const idx = Number(key);
  if (idx < 0 || (forAdd ? idx > len : idx >= len)) throw new PatchError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return idx;
}

function get(con: Container, key: string): unknown {
  if (con.kind === 'map') return con.obj[key];
  return con.arr[index(key, con.arr.length, false)];
}

function add(con: Container, key: string, value: unknown): void {
  if (con.kind === 'map') {
    con.obj[key] = value;
    return;
  }
  if (key === '-') con.arr.push(value);
  else con.arr.splice(index(key, con.arr.length, true), 0, value);
}

function remove(con: Container, key: string): void {
  if (con.kind === 'map') {
    if (!(key in con.obj)) throw new PatchError(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete con.obj[key];
    return;
  }
  con.arr.splice(index(key, con.arr.length, false), 1);
}

function wrap(e: unknown, prefix: string): never {
  throw new PatchError(`${prefix}: ${e instanceof Error ? e.message : String(e)}`);
}

/** Applies an RFC 6902 patch (an array of operations) to a copy of `target`. */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchError(`json: cannot unmarshal ${isObject(patch) ? 'object' : typeof patch} into Go value of type jsonpatch.Patch`);
  const doc = { root: clone(target) };
  for (const raw of patch) {
    const op = isObject(raw) ? raw : {};
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    const path = typeof op.path === 'string' ? op.path : '';
    switch (kind) {
      case 'add': {
        if (path === '') {
          doc.root = clone(op.value);
          break;
        }
        const { con, key } = findObject(doc, path);
        if (!con) throw new PatchError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        try {
          add(con, key, clone(op.value ?? null));
        } catch (e) {
          wrap(e, `error in add for path: '${path}'`);
        }
        break;
      }
      case 'remove': {
        const { con, key } = findObject(doc, path);
        if (!con) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        try {
          remove(con, key);
        } catch (e) {
          wrap(e, `error in remove for path: '${path}'`);
        }
        break;
      }
      case 'replace': {
        if (path === '') {
          doc.root = clone(op.value);
          break;
        }
        const { con, key } = findObject(doc, path);
        if (!con) throw new PatchError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
        // A missing map key is not an error here (partialDoc.get returns nil without one); a bad index is.
        if (con.kind === 'array') {
          try {
            get(con, key);
          } catch {
            throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
          }
        }
        if (con.kind === 'map') con.obj[key] = clone(op.value ?? null);
        else con.arr[Number(key)] = clone(op.value ?? null);
        break;
      }
      case 'move':
      case 'copy': {
        const from = typeof op.from === 'string' ? op.from : '';
        const src = findObject(doc, from);
        if (!src.con) throw new PatchError(`${kind} operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        let val: unknown;
        try {
          val = get(src.con, src.key);
        } catch (e) {
          wrap(e, kind === 'move' ? `error in move for path: '${src.key}'` : `error in copy for from: '${from}'`);
        }
        if (kind === 'move') {
          try {
            remove(src.con, src.key);
          } catch (e) {
            wrap(e, `error in move for path: '${src.key}'`);
          }
        }
        const dst = findObject(doc, path);
        if (!dst.con) throw new PatchError(`${kind} operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
        try {
          add(dst.con, dst.key, kind === 'copy' ? clone(val ?? null) : (val ?? null));
        } catch (e) {
          wrap(e, `error in ${kind} for path: '${kind === 'move' ? dst.key : path}'`);
        }
        break;
      }
      case 'test': {
        let actual: unknown;
        if (path === '') actual = doc.root;
        else {
          const { con, key } = findObject(doc, path);
          if (!con) throw new PatchError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
          try {
            actual = get(con, key);
          } catch (e) {
            wrap(e, `error in test for path: '${path}'`);
          }
        }
        if (actual === undefined || actual === null) {
          if (op.value === undefined || op.value === null) break;
          throw new PatchError(`testing value ${path} failed: ${TEST_FAILED}`);
        }
        if (!deepEqual(actual, op.value)) throw new PatchError(`testing value ${path} failed: ${TEST_FAILED}`);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${kind}`);
    }
  }
  return doc.root;
}
