/**
 * kubectl autoscale (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go, v1.31): for each object given,
 * check it has a scale subresource ("cannot autoscale a Pod: …"), then create a HorizontalPodAutoscaler named after
 * it (or --name) with --max, --min when positive and --cpu-percent when not negative; prints
 * `horizontalpodautoscaler.autoscaling/NAME autoscaled`. Checks in order: the required --max flag (the command
 * tree's REQUIRED table), then max ≥ 1 and max ≥ min, then the resources.
 *
 * The object is the autoscaling/v1 form the v1.31 generator builds (HorizontalPodAutoscalerGeneratorV1:
 * targetCPUUtilizationPercentage), posted to autoscaling/v1; the API server stores it as v2.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError } from '../cli/errors';
import { buildInfos, type Info } from '../resource/builder';
import { parseOutput, printObjects, templateFlags } from '../printers/output';
import { dryRun, requireResourceArgs } from './common';
import { meta } from './generators';

const HPA_PATH = (ns: string) => `/apis/autoscaling/v1/namespaces/${encodeURIComponent(ns)}/horizontalpodautoscalers`;

export async function runAutoscale(k: Kctx): Promise<number> {
  const max = k.f.int('max');
  const min = k.f.int('min');
  const cpu = k.f.int('cpu-percent');
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  requireResourceArgs(k);
  const infos = await buildInfos(k, k.args, {});
  let count = 0;
  for (const info of infos) {
    if (!info.r.subresources.includes('scale')) {
      throw new KubectlError(`cannot autoscale a ${info.r.kind}: could not find scale subresource for ${info.r.group ? `${info.r.resource}.${info.r.group}` : info.r.resource} in discovery information`);
    }
    // the target must exist (the builder's GET)
    k.rest().call({ method: 'GET', path: targetPath(info, k.namespace) });
    const hpa = hpaFor(k, info, max, min, cpu);
    const d = dryRun(k);
    let created: KubeObject = hpa;
    if (d !== 'client') {
      const query: Record<string, string> = { fieldManager: k.f.str('field-manager') || 'kubectl-autoscale' };
      if (d === 'server') query.dryRun = 'All';
      created = k.rest().call<KubeObject>({ method: 'POST', path: HPA_PATH(info.ns ?? k.namespace), query, body: hpa });
    }
    print(k, created, d === 'client' ? 'created' : 'autoscaled', d);
    count++;
  }
  if (!count) throw new KubectlError('no objects passed to autoscale');
  return 0;
}

function targetPath(info: Info, ns: string): string {
  const base = info.r.group ? `/apis/${info.r.group}/${info.r.version}` : `/api/${info.r.version}`;
  return info.r.namespaced ? `${base}/namespaces/${encodeURIComponent(info.ns ?? ns)}/${info.r.resource}/${encodeURIComponent(info.name)}` : `${base}/${info.r.resource}/${encodeURIComponent(info.name)}`;
}

function hpaFor(k: Kctx, info: Info, max: number, min: number, cpu: number): KubeObject {
  // Go struct field order, for -o json of the typed object (yaml sorts anyway)
  const spec: Record<string, unknown> = {
    scaleTargetRef: { kind: info.r.kind, name: info.name, apiVersion: info.r.group ? `${info.r.group}/${info.r.version}` : info.r.version },
  };
  if (min > 0) spec.minReplicas = min;
  spec.maxReplicas = max;
  if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
  const metadata = meta(k.f.str('name') || info.name, k.namespaceExplicit ? (info.ns ?? k.namespace) : undefined);
  // v1's status is a struct: its two counters always serialise
  return { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata, spec, status: { currentReplicas: 0, desiredReplicas: 0 } } as KubeObject;
}

function print(k: Kctx, obj: KubeObject, verb: string, d: 'none' | 'client' | 'server'): void {
  const out = k.f.p.values.has('output') ? k.f.str('output') : '';
  const fmt = parseOutput(out, (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  const name = `horizontalpodautoscaler.autoscaling/${obj.metadata.name}`;
  const suffix = d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
  if (fmt.kind === 'table') k.out(`${name} ${verb}${suffix}\n`);
  else k.out(printObjects([obj], fmt, true, () => name, d === 'client'));
}
