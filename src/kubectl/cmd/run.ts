/**
 * kubectl run (pkg/cmd/run/run.go + generate/versioned/run.go): one Pod labelled run=<name>; arguments after
 * `--` become args (or the command with --command); -i/-t attach like `kubectl attach`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError } from '../cli/errors';
import { container, meta } from './generators';
import { createObject, printCreated, submit, T } from './create';
import { attachPod } from './exec';
import { dryRun } from './common';

export async function runRun(k: Kctx): Promise<number> {
  const dash = k.f.p.dashAt;
  const names = dash >= 0 ? k.args.slice(0, dash) : k.args.slice(0, 1);
  const rest = dash >= 0 ? k.args.slice(dash) : k.args.slice(1);
  if (!names.length) throw new UsageError('NAME is required for run', k.cmdPath);
  const name = names[0];
  const image = k.f.str('image');
  if (!image) throw new KubectlError('--image is required');
  const restart = k.f.str('restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
  const labels: Record<string, string> = {};
  const lbl = k.f.str('labels');
  if (lbl) {
    for (const kv of lbl.split(',')) {
      const [a, b] = kv.split('=');
      if (b === undefined) throw new KubectlError(`invalid label spec: ${kv}`);
      labels[a] = b;
    }
  } else labels.run = name;
  const env = k.f.list('env').map((e) => {
    const i = e.indexOf('=');
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  const port = k.f.str('port');
  const interactive = k.f.bool('stdin');
  const tty = k.f.bool('tty');
  if (tty && !interactive) throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true');
  if (k.f.bool('expose') && !port) throw new UsageError('--port must be set when exposing a service', k.cmdPath);
  const cmdFlag = k.f.bool('command');
  const annotations: Record<string, string> = {};
  for (const a of k.f.list('annotations')) {
    const i = a.indexOf('=');
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const c = container(name, image, {
    command: cmdFlag ? rest : undefined,
    args: cmdFlag ? undefined : rest,
    ports: port ? [Number(port)] : undefined,
    env,
    imagePullPolicy: k.f.str('image-pull-policy') || undefined,
    stdin: interactive,
    stdinOnce: interactive && k.f.bool('stdin') && !k.f.changed('attach') ? true : interactive,
    tty,
  });
  // PodSpec field order (core/v1 types.go): restartPolicy comes before dnsPolicy in -o json.
  const spec: Record<string, unknown> = { containers: [c], restartPolicy: restart, dnsPolicy: 'ClusterFirst' };
  const pod: KubeObject = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta(name, k.f.changed('namespace') ? k.f.str('namespace') : undefined, labels, Object.keys(annotations).length ? { annotations } : {}),
    spec,
    status: {},
  };
  // run resolves the Pod mapping through discovery before anything else, even for --dry-run=client.
  k.discovery().require('pods');
  if (interactive && dryRun(k) === 'none') {
    const code = submitQuiet(k, pod);
    if (code !== 0) return code;
    return attachPod(k, name, { tty, rm: k.f.bool('rm') });
  }
  if (!k.f.bool('expose')) return submit(k, T.pod, pod, null, 'created', 'kubectl-run');
  // run.go: the Pod is created first, then the Service (printed at once, with a `---` of its own after it in
  // YAML), and the Pod is printed last by the same printer, which puts its own `---` before a second YAML document.
  const created = createObject(k, T.pod, pod, null, 'kubectl-run');
  printCreated(k, T.service, createObject(k, T.service, exposeService(name, port, lbl), null, 'kubectl-run'));
  const yaml = /^ya?ml$/.test(k.f.str('output'));
  if (yaml) k.out('---\n---\n');
  printCreated(k, T.pod, created);
  return 0;
}

/** generate/versioned/service.go generateService with run's string parameters: one TCP port, target = port. */
function exposeService(name: string, port: string, labels: string): KubeObject {
  const parsed = labels ? Object.fromEntries(labels.split(',').map((kv) => kv.split('=') as [string, string])) : undefined;
  const metadata: Record<string, unknown> = { name, creationTimestamp: null };
  if (parsed) metadata.labels = parsed;
  const p = Number(port);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: metadata as KubeObject['metadata'],
    spec: { ports: [{ protocol: 'TCP', port: p, targetPort: p }], selector: parsed ? { ...parsed } : { run: name } },
    status: { loadBalancer: {} },
  };
}

function submitQuiet(k: Kctx, pod: KubeObject): number {
  k.rest().call({ method: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(k.namespace)}/pods`, query: { fieldManager: 'kubectl-run' }, body: pod });
  return 0;
}
