/**
 * kubectl create and its generators (pkg/cmd/create): build the object, then print it (--dry-run=client),
 * or POST it with fieldManager=kubectl-create. Failure wrappers are the real ones, quirks included
 * (`failed to create secret <msg>` has no colon; namespace and -f use the plain Status form).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Kctx } from '../cli/kctx';
import { KubectlError, UsageError, statusMessage } from '../cli/errors';
import { StatusError } from '../client/rest';
import { kindGroup, resourcePathFor, type ApiResource } from '../client/discovery';
import { parseOutput, printObjects, templateFlags } from '../printers/output';
import { readManifests } from '../resource/manifests';
import { dryRun, dryRunSuffix, exactlyOneName } from './common';
import * as gen from './generators';
import { isDNS1123Subdomain } from '../../sim/apiserver/validation/names';

export interface TypedResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const T = {
  deployment: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  job: { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true },
  cronjob: { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true },
  service: { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true },
  configmap: { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
  secret: { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  namespace: { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false },
  serviceaccount: { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  pod: { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  role: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true },
  clusterrole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  rolebinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  clusterrolebinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  resourcequota: { group: '', version: 'v1', resource: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
  poddisruptionbudget: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true },
  priorityclass: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', kind: 'PriorityClass', namespaced: false },
  ingress: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true },
} satisfies Record<string, TypedResource>;

/** Prints or submits a generated object; `failPrefix` null means errors print in the plain Status form. */
export function submit(k: Kctx, t: TypedResource, obj: KubeObject, failPrefix: string | null, verb = 'created', fieldManager = 'kubectl-create'): number {
  printCreated(k, t, createObject(k, t, obj, failPrefix, fieldManager), verb);
  return 0;
}

/** POSTs a generated object (unless --dry-run=client) and returns what to print: the server's answer or the object. */
export function createObject(k: Kctx, t: TypedResource, obj: KubeObject, failPrefix: string | null, fieldManager = 'kubectl-create'): KubeObject {
  const d = dryRun(k);
  if (d === 'client') return obj;
  const ns = t.namespaced ? (obj.metadata.namespace as string | undefined) ?? k.namespace : undefined;
  const query: Record<string, string> = { fieldManager, fieldValidation: 'Strict' };
  if (d === 'server') query.dryRun = 'All';
  try {
    return k.rest().call<KubeObject>({ method: 'POST', path: resourcePathFor(t as ApiResource, ns), query, body: obj });
  } catch (e) {
    if (e instanceof StatusError && failPrefix !== null) {
      const sep = failPrefix === 'failed to create secret' ? ' ' : ': ';
      throw new KubectlError(`${failPrefix}${sep}${e.status?.reason === 'Invalid' ? invalidInline(e) : e.message}`);
    }
    throw e;
  }
}

/** Prints a created object the way the command's printer does: `kind.group/name created`, or -o's format. */
export function printCreated(k: Kctx, t: TypedResource, result: KubeObject, verb = 'created'): void {
  const d = dryRun(k);
  const out = k.f.p.values.has('output') ? k.f.str('output') : '';
  const fmt = parseOutput(out, (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  const name = result.metadata.name!;
  if (fmt.kind === 'table') k.out(`${kindGroup(t)}/${name} ${verb}${dryRunSuffix(d)}\n`);
  else k.out(printObjects([result], fmt, true, () => `${kindGroup(t)}/${name}`, d === 'client'));
}

/** `Deployment.apps "x" is invalid: [a: …, b: …]`: the error's own message, as typed create prints it. */
function invalidInline(e: StatusError): string {
  return e.message;
}

function command(k: Kctx): string[] {
  const dash = k.f.p.dashAt;
  return dash >= 0 ? k.args.slice(dash) : [];
}

function nameArgs(k: Kctx): string[] {
  const dash = k.f.p.dashAt;
  return dash >= 0 ? k.args.slice(0, dash) : k.args;
}

/** Values of a pflag StringSlice: each occurrence split on commas, an empty value giving none. */
export function sliceFlag(k: Kctx, name: string): string[] {
  return k.f.list(name).flatMap((v) => (v === '' ? [] : v.split(',')));
}

export function oneName(k: Kctx): string {
  const names = nameArgs(k);
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, k.cmdPath);
  return names[0];
}

export function nsOpt(k: Kctx): string | undefined {
  // Generators put metadata.namespace only when -n was given explicitly (create_deployment.go EnforceNamespace).
  return k.f.changed('namespace') ? k.f.str('namespace') : undefined;
}

export async function createDeployment(k: Kctx): Promise<number> {
  const name = oneName(k);
  // --image is a StringSlice (create_deployment.go): comma-separated values split, `--image=` gives no image.
  const images = sliceFlag(k, 'image');
  const cmd = command(k);
  if (images.length > 1 && cmd.length) throw new KubectlError('cannot specify multiple --image options and command');
  const obj = gen.deployment(name, nsOpt(k), images, k.f.int('replicas'), k.f.int('port'), cmd);
  return submit(k, T.deployment, obj, 'failed to create deployment');
}

export async function createJob(k: Kctx): Promise<number> {
  const name = oneName(k);
  const image = k.f.str('image');
  if (!image && !k.f.str('from')) throw new KubectlError('either --image or --from must be specified');
  if (image && k.f.str('from')) throw new KubectlError('--image and --from are mutually exclusive');
  if (k.f.str('from')) return createJobFrom(k, name);
  return submit(k, T.job, gen.job(name, nsOpt(k), image, command(k)), 'failed to create job');
}

async function createJobFrom(k: Kctx, name: string): Promise<number> {
  const from = k.f.str('from');
  const [type, src] = from.split('/');
  if (!src || !['cronjob', 'cronjobs', 'cj', 'cronjob.batch'].includes(type)) throw new KubectlError(`from must be an existing cronjob: ${from}`);
  const cj = k.rest().call<KubeObject>({ method: 'GET', path: resourcePathFor(T.cronjob as ApiResource, k.namespace, src) });
  const tmpl = cj.spec?.jobTemplate ?? {};
  const obj: KubeObject = {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      name,
      ...(nsOpt(k) ? { namespace: nsOpt(k) } : {}),
      creationTimestamp: null,
      labels: tmpl.metadata?.labels,
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true }],
    },
    spec: tmpl.spec,
    status: {},
  };
  return submit(k, T.job, obj, 'failed to create job');
}

export async function createCronJob(k: Kctx): Promise<number> {
  const name = oneName(k);
  const restart = k.f.str('restart') || 'OnFailure';
  return submit(k, T.cronjob, gen.cronJob(name, nsOpt(k), k.f.str('image'), k.f.str('schedule'), command(k), restart), 'failed to create cronjob');
}

export async function createNamespace(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  return submit(k, T.namespace, gen.namespace(name), null);
}

export async function createServiceAccount(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  return submit(k, T.serviceaccount, gen.serviceAccount(name, nsOpt(k)), 'failed to create serviceaccount');
}

function serviceCmd(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName') {
  return async (k: Kctx): Promise<number> => {
    const name = exactlyOneName(k);
    const tcp = k.f.list('tcp');
    if (type === 'ExternalName') {
      const ext = k.f.str('external-name');
      // create_service.go Validate: the name must be a DNS-1123 subdomain.
      if (isDNS1123Subdomain(ext).length) throw new KubectlError(`invalid service external name ${ext}`);
      const ports = gen.parseTcp(tcp);
      if (typeof ports === 'string') throw new KubectlError(ports);
      return submit(k, T.service, gen.service(name, nsOpt(k), type, ports, { externalName: ext }), `failed to create ${type} service`);
    }
    const clusterIP = k.f.p.values.has('clusterip') ? k.f.str('clusterip') : '';
    if (!tcp.length && clusterIP !== 'None') throw new KubectlError('at least one tcp port specifier must be provided');
    const ports = gen.parseTcp(tcp);
    if (typeof ports === 'string') throw new KubectlError(ports);
    const nodePort = k.f.p.values.has('node-port') ? k.f.int('node-port') : 0;
    return submit(k, T.service, gen.service(name, nsOpt(k), type, ports, { clusterIP: clusterIP || undefined, nodePort }), `failed to create ${type} service`);
  };
}
export const createServiceClusterIP = serviceCmd('ClusterIP');
export const createServiceNodePort = serviceCmd('NodePort');
export const createServiceLoadBalancer = serviceCmd('LoadBalancer');
export const createServiceExternalName = serviceCmd('ExternalName');

/** --from-literal=k=v, --from-file=[key=]path (file or directory), --from-env-file=path. */
function collectData(k: Kctx, binaryOk: boolean): { data: Record<string, string>; binary: Record<string, string> } {
  const data: Record<string, string> = {};
  const binary: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (key in data) throw new KubectlError(`cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${k.args[0]}"`);
    data[key] = value;
  };
  for (const lit of k.f.list('from-literal')) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const spec of k.f.list('from-file')) {
    const i = spec.indexOf('=');
    const key = i > 0 ? spec.slice(0, i) : undefined;
    const path = i > 0 ? spec.slice(i + 1) : spec;
    const abs = k.abs(path);
    const st = k.ctx.fs.stat(abs);
    if (!st) throw new KubectlError(`error reading ${path}: no such file or directory`);
    if (st.type === 'dir') {
      if (key) throw new KubectlError('cannot give a key name for a directory path');
      for (const f of [...k.ctx.fs.readdir(abs)].sort()) {
        const fst = k.ctx.fs.stat(`${abs}/${f}`);
        if (fst?.type === 'file') put(f, k.ctx.fs.readFile(`${abs}/${f}`));
      }
    } else put(key ?? path.split('/').pop()!, k.ctx.fs.readFile(abs));
  }
  for (const envFile of k.f.list('from-env-file')) {
    const abs = k.abs(envFile);
    if (!k.ctx.fs.exists(abs)) throw new KubectlError(`error reading ${envFile}: no such file or directory`);
    for (const line of k.ctx.fs.readFile(abs).split('\n')) {
      const l = line.trim();
      if (!l || l.startsWith('#')) continue;
      const i = l.indexOf('=');
      if (i < 0) put(l, k.ctx.env[l] ?? '');
      else put(l.slice(0, i), l.slice(i + 1));
    }
  }
  void binaryOk;
  return { data, binary };
}

export async function createConfigMap(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  const { data, binary } = collectData(k, true);
  return submit(k, T.configmap, gen.configMap(name, nsOpt(k), data, binary), 'failed to create configmap');
}

export async function createSecretGeneric(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  const { data } = collectData(k, false);
  const enc: Record<string, string> = {};
  for (const [key, v] of Object.entries(data)) enc[key] = gen.base64(v);
  return submit(k, T.secret, gen.secret(name, nsOpt(k), enc, k.f.str('type') || undefined), 'failed to create secret');
}

export async function createSecretDockerRegistry(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  const server = k.f.str('docker-server') || 'https://index.docker.io/v1/';
  const user = k.f.str('docker-username');
  const pass = k.f.str('docker-password');
  if (!k.f.list('from-file').length && (!user || !pass)) throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  const auth: Record<string, string> = { username: user, password: pass };
  if (k.f.str('docker-email')) auth.email = k.f.str('docker-email');
  auth.auth = gen.base64(`${user}:${pass}`);
  const cfg = JSON.stringify({ auths: { [server]: auth } });
  return submit(k, T.secret, gen.secret(name, nsOpt(k), { '.dockerconfigjson': gen.base64(cfg) }, 'kubernetes.io/dockerconfigjson'), 'failed to create secret');
}

/** kubectl create -f: POST each document as is (fieldManager kubectl-create). */
export async function createFromFiles(k: Kctx): Promise<number> {
  const files = k.f.list('filename');
  if (k.args.length) throw new UsageError(`Unexpected args: [${k.args.join(' ')}]`, k.cmdPath);
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  const manifests = await readManifests(k, files, k.f.bool('recursive'));
  const d = dryRun(k);
  const fmt = parseOutput(k.f.str('output'), (p) => k.ctx.fs.readFile(k.abs(p)), true, templateFlags(k.f));
  let code = 0;
  for (const m of manifests) {
    const [group, version] = m.obj.apiVersion!.includes('/') ? m.obj.apiVersion!.split('/') : ['', m.obj.apiVersion!];
    const r = k.discovery().byKind(group, m.obj.kind!, version) ?? k.discovery().byKind(group, m.obj.kind!);
    if (!r) {
      k.err(`error: resource mapping not found for name: "${m.obj.metadata?.name ?? ''}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first\n`);
      code = 1;
      continue;
    }
    const ns = r.namespaced ? (m.obj.metadata.namespace as string | undefined) ?? k.namespace : undefined;
    if (r.namespaced && k.f.changed('namespace') && m.obj.metadata.namespace && m.obj.metadata.namespace !== k.f.str('namespace')) {
      k.err(`error: the namespace from the provided object "${m.obj.metadata.namespace}" does not match the namespace "${k.f.str('namespace')}". You must pass '--namespace=${m.obj.metadata.namespace}' to perform this operation.\n`);
      code = 1;
      continue;
    }
    let result = m.obj;
    if (d !== 'client') {
      try {
        const query: Record<string, string> = { fieldManager: 'kubectl-create', fieldValidation: 'Strict' };
        if (d === 'server') query.dryRun = 'All';
        result = k.rest().call<KubeObject>({ method: 'POST', path: resourcePathFor(r, ns), query, body: m.obj });
      } catch (e) {
        if (e instanceof StatusError) {
          k.err(statusMessage(e.status, e.code, `error when creating "${m.source}": `) + '\n');
          code = 1;
          continue;
        }
        throw e;
      }
    }
    const display = m.obj.metadata.name ?? result.metadata?.name ?? '';
    if (fmt.kind === 'table') k.out(`${kindGroup(r)}/${display} created${dryRunSuffix(d)}\n`);
    else k.out(printObjects([result], fmt, true, () => `${kindGroup(r)}/${display}`));
  }
  return code;
}

/** The types of the PEM blocks in a text, in order (encoding/pem Decode, without checking the base64 body). */
function pemBlockTypes(text: string): string[] {
  return [...text.matchAll(/-----BEGIN ([^-\n]*)-----[\s\S]*?-----END \1-----/g)].map((m) => m[1]);
}

/**
 * crypto/tls X509KeyPair's PEM checks and their texts: the certificate input needs a CERTIFICATE block, the key
 * input a `… PRIVATE KEY` block. The DER contents are not parsed here (nor the key matched to the certificate).
 */
function checkKeyPair(cert: string, key: string): void {
  const certTypes = pemBlockTypes(cert);
  if (!certTypes.includes('CERTIFICATE')) {
    if (!certTypes.length) throw new KubectlError('tls: failed to find any PEM data in certificate input');
    if (certTypes.length === 1 && certTypes[0].endsWith('PRIVATE KEY')) throw new KubectlError('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    throw new KubectlError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certTypes.join(' ')}]`);
  }
  const skipped: string[] = [];
  for (const t of pemBlockTypes(key)) {
    if (t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY')) return;
    skipped.push(t);
  }
  if (!skipped.length) throw new KubectlError('tls: failed to find any PEM data in key input');
  if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') throw new KubectlError('tls: found a certificate rather than a key in the PEM for the private key');
  throw new KubectlError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
}

/** create secret tls (create_secret_tls.go): both files read (`Cannot read file …`), checked, stored as tls.crt/tls.key. */
export async function createSecretTLS(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const certPath = k.f.str('cert');
  const keyPath = k.f.str('key');
  if (!certPath || !keyPath) throw new KubectlError('key and cert must be specified');
  const read = (p: string) => {
    const abs = k.abs(p);
    const st = k.ctx.fs.stat(abs);
    if (!st) throw new KubectlError(`Cannot read file ${p}, open ${p}: no such file or directory`);
    if (st.type === 'dir') throw new KubectlError(`Cannot read file ${p}, read ${p}: is a directory`);
    return k.ctx.fs.readFile(abs);
  };
  const cert = read(certPath);
  const key = read(keyPath);
  checkKeyPair(cert, key);
  const data = { 'tls.crt': gen.base64(cert), 'tls.key': gen.base64(key) };
  return submit(k, T.secret, gen.secret(name, nsOpt(k), data, 'kubernetes.io/tls'), 'failed to create secret');
}
