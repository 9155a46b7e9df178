/**
 * k3s's Traefik as the Ingress controller (traefik/traefik pkg/provider/kubernetes/ingress): a request reaching
 * its `web` entrypoint (container port 8000, behind the traefik LoadBalancer Service that ServiceLB publishes on
 * every node's port 80) is matched against the Ingresses of class `traefik` (or without a class: traefik is k3s's
 * default IngressClass) and forwarded to the backend Service through kube-proxy. Matching follows the
 * networking.k8s.io/v1 rules as traefik turns them into routers: Host (exact, or `*.` one-label wildcard) and
 * PathPrefix (Prefix: whole path elements; ImplementationSpecific: a plain prefix) or Path (Exact); the longest
 * rule wins, so host rules and longer paths come first. No router: `404 page not found`. A backend Service with no
 * endpoints gets no router either (allowEmptyServices is off), so it also answers 404; a backend that refuses
 * the connection answers `502 Bad Gateway`.
 */
import type { KubeObject } from '../apiserver/types';
import type { HttpAnswer, HttpRequestLike } from '../images';
import { route } from './proxy';
import { catalogResponder } from './responder';
import type { ClusterNetwork } from './view';

/** Traefik's web entrypoint in k3s's chart (values: ports.web.port 8000, exposedPort 80). */
export const TRAEFIK_WEB_PORT = 8000;

export function isTraefikPod(pod: KubeObject): boolean {
  return (pod.spec?.containers ?? []).some((c: { image?: string }) => /(^|\/)(mirrored-library-)?traefik:/.test(c.image ?? ''));
}

interface Candidate {
  ingress: KubeObject;
  host?: string;
  path: string;
  pathType: string;
  backend: { service?: { name: string; port?: { number?: number; name?: string } } };
}

function hostMatches(pattern: string | undefined, host: string): boolean {
  if (!pattern) return true;
  if (pattern.startsWith('*.')) {
    const rest = pattern.slice(1);
    return host.endsWith(rest) && !host.slice(0, host.length - rest.length).includes('.') && host.length > rest.length;
  }
  return pattern === host;
}

function pathMatches(c: Candidate, path: string): boolean {
  const p = path.split('?')[0] || '/';
  if (c.pathType === 'Exact') return p === c.path;
  if (c.pathType === 'Prefix') {
    const want = c.path.replace(/\/+$/, '');
    if (want === '') return true;
    return p === want || p.startsWith(want + '/');
  }
  return p.startsWith(c.path);
}

function candidates(net: ClusterNetwork): Candidate[] {
  const out: Candidate[] = [];
  for (const ing of net.ingresses.list()) {
    const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
    if (cls && cls !== 'traefik') continue;
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) out.push({ ingress: ing, host: rule.host, path: p.path ?? '/', pathType: p.pathType ?? 'ImplementationSpecific', backend: p.backend ?? {} });
    }
    if (ing.spec?.defaultBackend) out.push({ ingress: ing, path: '/', pathType: 'ImplementationSpecific', backend: ing.spec.defaultBackend });
  }
  // traefik's default priority is the rule's length: host rules and longer paths first
  const weight = (c: Candidate) => (c.host ? `Host(\`${c.host}\`) && ` : '').length + c.path.length;
  return out.sort((a, b) => weight(b) - weight(a));
}

const notFound = (): HttpAnswer => ({ status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }, body: '404 page not found\n' });

/** Traefik's answer for a request on its web entrypoint. */
export function traefikAnswer(net: ClusterNetwork, traefik: KubeObject, req: HttpRequestLike, now: number, depth = 0): HttpAnswer {
  const host = (req.host ?? '').replace(/:\d+$/, '').toLowerCase();
  for (const c of candidates(net)) {
    if (!hostMatches(c.host, host) || !pathMatches(c, req.path)) continue;
    const ref = c.backend.service;
    if (!ref) continue;
    const svc = net.service(c.ingress.metadata.namespace!, ref.name);
    const sp = (svc?.spec?.ports ?? []).find((p: { port: number; name?: string }) => (ref.port?.number !== undefined ? p.port === ref.port.number : p.name === ref.port?.name));
    if (!svc || !sp) continue;
    const ready = net.slicesOf(svc).some((s) => (s.endpoints ?? []).some((e: { conditions?: { ready?: boolean } }) => e.conditions?.ready !== false));
    if (!ready) continue;
    const dest = route(net, svc.spec.clusterIP, sp.port, { clientIP: traefik.status?.podIP, clientNode: traefik.spec?.nodeName });
    if ('failure' in dest || !dest.pod) return badGateway();
    const responder = net.responder ?? catalogResponder;
    const answer = depth < 4 ? responder(dest.pod, dest.port, { ...req, clientIP: traefik.status?.podIP ?? req.clientIP }, now) : undefined;
    return answer ?? badGateway();
  }
  return notFound();
}

function badGateway(): HttpAnswer {
  return { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Bad Gateway' };
}
