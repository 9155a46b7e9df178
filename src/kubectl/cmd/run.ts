/**
 * kubectl run (pkg/cmd/run/run.go + generate/versioned/run.go): one Pod labelled run=<name>; arguments after
 * `--` become args (or the command with --command); -i/-t attach like `kubectl attach`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError } from '../cli/errors';
import { container, meta } from './generators';
import { submit, T } from './create';
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
  const spec: Record<string, unknown> = { containers: [c], dnsPolicy: 'ClusterFirst', restartPolicy: restart };
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
  return submit(k, T.pod, pod, null, 'created', 'kubectl-run');
}

function submitQuiet(k: Kctx, pod: KubeObject): number {
  k.rest().call({ method: 'POST', path: `/api/v1/namespaces/${encodeURIComponent(k.namespace)}/pods`, query: { fieldManager: 'kubectl-run' }, body: pod });
  return 0;
}
