/**
 * Objects the imperative commands build (kubectl pkg/cmd/create/*.go, pkg/cmd/run/run.go, pkg/generate).
 * Keys are inserted in Go struct field order so `-o json` of a typed object matches the real tool; YAML
 * output sorts keys anyway. Learned from the real kubectl's `--dry-run=client -o yaml|json` output.
 */
import type { KubeObject } from '../../sim/apiserver/types';

export function meta(name: string, namespace: string | undefined, labels?: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length) m.labels = labels;
  Object.assign(m, extra);
  return m as KubeObject['metadata'];
}

/** Container name from an image reference: last path segment without tag or digest (create_deployment.go). */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  return name.replace(/_/g, '-');
}

export function container(name: string, image: string, extra: { command?: string[]; args?: string[]; ports?: number[]; env?: { name: string; value: string }[]; stdin?: boolean; stdinOnce?: boolean; tty?: boolean; imagePullPolicy?: string } = {}): Record<string, unknown> {
  const c: Record<string, unknown> = { name, image };
  if (extra.command?.length) c.command = extra.command;
  if (extra.args?.length) c.args = extra.args;
  if (extra.ports?.length) c.ports = extra.ports.map((p) => ({ containerPort: p }));
  if (extra.env?.length) c.env = extra.env;
  c.resources = {};
  if (extra.imagePullPolicy) c.imagePullPolicy = extra.imagePullPolicy;
  if (extra.stdin) c.stdin = true;
  if (extra.stdinOnce) c.stdinOnce = true;
  if (extra.tty) c.tty = true;
  return c;
}

export function deployment(name: string, ns: string | undefined, images: string[], replicas: number, port: number | undefined, command: string[]): KubeObject {
  const labels = { app: name };
  const seen = new Set<string>();
  const containers = images.map((img, i) => {
    let n = containerNameFromImage(img);
    if (seen.has(n)) n = `${n}-${i}`;
    seen.add(n);
    return container(n, img, { command: i === 0 ? command : undefined, ports: port !== undefined && port >= 0 && i === 0 ? [port] : undefined });
  });
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta(name, ns, { ...labels }),
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export function job(name: string, ns: string | undefined, image: string, command: string[]): KubeObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: meta(name, ns),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, { command })], restartPolicy: 'Never' } } },
    status: {},
  };
}

export function cronJob(name: string, ns: string | undefined, image: string, schedule: string, command: string[], restart: string): KubeObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: meta(name, ns),
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, { command })], restartPolicy: restart } } },
      },
    },
    status: {},
  };
}

export interface PortSpec {
  port: number;
  targetPort: number | string;
  name: string;
  nodePort?: number;
}

/** `--tcp=80:8080` → port 80 → targetPort 8080, named `80-8080`; `--tcp=80` → named `80` (create_service.go). */
export function parseTcp(specs: string[]): PortSpec[] | string {
  const out: PortSpec[] = [];
  for (const s of specs) {
    const [p, t] = s.split(':');
    const port = Number(p);
    if (!/^\d+$/.test(p)) return `strconv.Atoi: parsing "${p}": invalid syntax`;
    let target: number | string = port;
    if (t !== undefined) target = /^\d+$/.test(t) ? Number(t) : t;
    out.push({ port, targetPort: target, name: t !== undefined ? `${p}-${t}` : p });
  }
  return out;
}

export function service(name: string, ns: string | undefined, type: string, ports: PortSpec[], opts: { clusterIP?: string; externalName?: string; nodePort?: number } = {}): KubeObject {
  const labels = { app: name };
  const spec: Record<string, unknown> = {};
  if (ports.length)
    spec.ports = ports.map((p) => {
      const o: Record<string, unknown> = { name: p.name, protocol: 'TCP', port: p.port, targetPort: p.targetPort };
      if (opts.nodePort && type === 'NodePort') o.nodePort = opts.nodePort;
      return o;
    });
  spec.selector = { ...labels };
  if (opts.clusterIP) spec.clusterIP = opts.clusterIP;
  spec.type = type;
  if (opts.externalName) spec.externalName = opts.externalName;
  return { kind: 'Service', apiVersion: 'v1', metadata: meta(name, ns, { ...labels }), spec, status: { loadBalancer: {} } };
}

export function namespace(name: string): KubeObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: meta(name, undefined), spec: {}, status: {} };
}

export function serviceAccount(name: string, ns: string | undefined): KubeObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, ns) };
}

export function configMap(name: string, ns: string | undefined, data: Record<string, string>, binary: Record<string, string> = {}): KubeObject {
  const o: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, ns) };
  if (Object.keys(data).length) o.data = data;
  if (Object.keys(binary).length) o.binaryData = binary;
  return o;
}

export function secret(name: string, ns: string | undefined, data: Record<string, string>, type?: string): KubeObject {
  const o: KubeObject = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, ns) };
  if (Object.keys(data).length) o.data = data;
  if (type) o.type = type;
  return o;
}

/** base64 of UTF-8 text without relying on Node's Buffer (this runs in a Web Worker too). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function unbase64(b64: string): string {
  try {
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}
