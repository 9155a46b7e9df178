/**
 * kubectl create ingress (kubectl pkg/cmd/create/create_ingress.go): `--rule=host/path=svc:port[,tls[=secret]]`
 * (a trailing `*` on the path makes it a Prefix path, otherwise Exact), rules of one host merged, TLS entries
 * grouped by secret; `--default-backend=svc:port`, `--class`, `--annotation=k=v`.
 */
import type { KubeObject } from '../../../sim/apiserver/types';
import type { Kctx } from '../../cli/kctx';
import { KubectlError } from '../../cli/errors';
import { dryRun, exactlyOneName } from '../common';
import { meta } from '../generators';
import { nsOpt, submit, T } from '../create';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** The rule pattern, matched as a prefix (Go's MatchString with only a leading anchor). */
const RULE = /^[\w*\-.]*\/.*=[\w-]+:[\w-]+(,tls=?[\w-]+)?/;

function backend(service: string): Any {
  const [name, port] = service.split(':');
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

function httpPath(pathsvc: string): Any {
  const [p, svc] = pathsvc.split('=');
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(svc) };
}

function tlsRules(rules: string[]): Any[] {
  const seen = new Set<string>();
  const out: Any[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const eq = parts[1].split('=');
    const secret = eq.length > 1 ? eq[1] : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = out.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const t: Any = {};
    if (host) t.hosts = [host];
    if (secret) t.secretName = secret;
    if (t.hosts || t.secretName) out.push(t);
  }
  return out;
}

function ingressRules(rules: string[]): Any[] {
  const out: Any[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = httpPath(noTls.slice(slash + 1));
    const same = out.find((r) => (r.host ?? '') === host);
    if (same) {
      same.http.paths.push(path);
      continue;
    }
    out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

export async function createIngress(k: Kctx): Promise<number> {
  const name = exactlyOneName(k);
  dryRun(k);
  const rules = k.f.list('rule');
  const def = k.f.str('default-backend');
  const annotations = k.f.list('annotation');
  if (!def && !rules.length) throw new KubectlError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  for (const r of rules) if (!RULE.test(r)) throw new KubectlError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  for (const a of annotations) if (!a.includes('=')) throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
  if (def && def.split(':').length !== 2) throw new KubectlError('default-backend should be in format servicename:serviceport');
  const ann: Record<string, string> = {};
  for (const a of annotations) ann[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  // IngressSpec order: ingressClassName, defaultBackend, tls, rules (empty lists omitted).
  const spec: Any = {};
  if (k.f.str('class')) spec.ingressClassName = k.f.str('class');
  if (def) spec.defaultBackend = backend(def);
  const tls = tlsRules(rules);
  if (tls.length) spec.tls = tls;
  const rs = ingressRules(rules);
  if (rs.length) spec.rules = rs;
  const extra = Object.keys(ann).length ? { annotations: Object.fromEntries(Object.keys(ann).sort().map((key) => [key, ann[key]])) } : {};
  const ing: KubeObject = { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta(name, nsOpt(k), undefined, extra), spec, status: { loadBalancer: {} } };
  return submit(k, T.ingress, ing, 'failed to create ingress');
}
