/**
 * kubectl wait (pkg/cmd/wait/wait.go): --for=delete, --for=condition=X[=value], --for=jsonpath='{…}'=value,
 * checked on every change until --timeout (default 30s); success prints `<kind.group>/<name> condition met`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { kindGroup, resourcePathFor } from '../client/discovery';
import { StatusError } from '../client/rest';
import { buildInfos, type Info } from '../resource/builder';
import { findValues } from '../printers/jsonpath';

type Check = (o: KubeObject | undefined) => boolean;

function parseFor(spec: string): { check: Check; deletion: boolean } {
  if (spec === 'delete') return { check: (o) => !o, deletion: true };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = eq >= 0 ? rest.slice(0, eq) : rest;
    const want = eq >= 0 ? rest.slice(eq + 1) : 'true';
    return {
      check: (o) => !!o && (o.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type.toLowerCase() === type.toLowerCase() && c.status.toLowerCase() === want.toLowerCase()),
      deletion: false,
    };
  }
  if (spec.startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    const m = /^(\{.*\}|[^=]*)(?:=(.*))?$/.exec(rest);
    if (!m) throw new KubectlError(`unrecognized condition: "${spec}"`);
    const expr = m[1];
    const want = m[2];
    return {
      check: (o) => {
        if (!o) return false;
        const vals = findValues(expr, o);
        if (want === undefined) return vals.length > 0;
        return vals.length > 0 && String(vals[0]) === want;
      },
      deletion: false,
    };
  }
  throw new KubectlError(`unrecognized condition: "${spec}"`);
}

export async function runWait(k: Kctx): Promise<number> {
  const { check, deletion } = parseFor(k.f.str('for'));
  const timeoutMs = k.f.changed('timeout') ? k.f.durationMs('timeout') : 30_000;
  let infos: Info[];
  try {
    infos = await buildInfos(k, k.args, { selector: true });
  } catch (e) {
    throw e;
  }
  if (!infos.length) throw new KubectlError('no matching resources found');
  const started = k.now();
  for (const info of infos) {
    // The builder fetches each named object first and, for --for=delete, ignores NotFound (wait.go RunWait
    // IgnoreErrors): an object already gone is never visited, so nothing is printed for it.
    let first = true;
    for (;;) {
      let obj: KubeObject | undefined;
      try {
        obj = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(info.r, info.ns, info.name) });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
        if (!deletion) throw e;
        if (first) break;
        obj = undefined;
      }
      first = false;
      if (check(obj)) {
        k.out(`${kindGroup(info.r)}/${info.name} condition met\n`);
        break;
      }
      if (k.now() - started >= timeoutMs) throw new KubectlError(`timed out waiting for the condition on ${info.r.resource}/${info.name}`);
      if (!(await k.sleep(Math.min(1000, Math.max(1, timeoutMs - (k.now() - started)))))) return 130;
    }
  }
  return 0;
}
