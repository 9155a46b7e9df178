/**
 * The pod's volumes as the kubelet's volume manager sets them up (pkg/kubelet/volumemanager, pkg/volume/*):
 * one store per volume, made once per pod and shared by every container that mounts it.
 *
 * - emptyDir: an empty directory under the pod's folder on the node, gone with the pod (pkg/volume/emptydir).
 * - configMap / secret / downwardAPI / projected: files written by the atomic writer (pkg/volume/util/
 *   atomic_writer.go), one per key (or per `items` entry at its `path`), re-written when the pod is synced again
 *   after the object changed: the kubelet resyncs pods every minute (syncFrequency) and reads the objects through
 *   its watch-based cache, so an update shows up within about a minute. A subPath mount of such a volume is a
 *   copy made at container start and never updated (the documented subPath caveat).
 * - projected service-account token: requested with a TokenRequest (serviceaccounts/<name>/token) the first
 *   time the file is read, with the ca.crt of the kube-root-ca.crt ConfigMap and the pod's namespace beside it.
 * - hostPath and PersistentVolumeClaims bound to hostPath/local PVs (k3s's local-path provisioner puts them under
 *   /var/lib/rancher/k3s/storage/pvc-<uid>_<ns>_<name>): a folder of the node's disk, which outlives the pod.
 * - downwardAPI labels/annotations files: `key="value"` lines sorted by key, no final newline
 *   (pkg/fieldpath/fieldpath.go FormatMap).
 */
import type { KubeObject } from '../apiserver/types';
import type { ApiClient } from '../client/client';
import { gvr, R } from '../client/resources';
import { VolumeStore, type Mount } from './mountfs';

const PVCS = gvr('', 'v1', 'persistentvolumeclaims');
const PVS = gvr('', 'v1', 'persistentvolumes');

/** How often the kubelet resyncs a running pod (KubeletConfiguration syncFrequency, 1m). */
export const VOLUME_RESYNC_MS = 60_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Volume = { name: string; [k: string]: any };

interface PodVolume {
  store: Map<string, string>;
  root: string;
  /** Volumes the kubelet writes itself are read-only to containers (configMap, secret, downwardAPI, projected). */
  readOnly: boolean;
  /** Re-reads the API objects; undefined for volumes whose contents belong to the containers. */
  refresh?: () => void;
}

export interface VolumeContext {
  client: ApiClient;
  /** The node's disk (hostPath, local PVs): survives the pod. */
  disk: Map<string, string>;
  podIP(): string;
  hostIP: string;
}

/** The pod's claims that are missing or not bound to a volume yet (the volume manager cannot mount them). */
export function unboundClaims(pod: KubeObject, client: ApiClient): string[] {
  const out: string[] = [];
  for (const v of (pod.spec?.volumes ?? []) as Volume[]) {
    if (!v.persistentVolumeClaim) continue;
    const claim = tryGet(() => client.tryGet(PVCS, pod.metadata.namespace ?? 'default', v.persistentVolumeClaim.claimName));
    if (!claim?.spec?.volumeName || claim.status?.phase !== 'Bound') out.push(v.name);
  }
  return out;
}

export class PodVolumes {
  private volumes = new Map<string, PodVolume>();

  constructor(
    private pod: KubeObject,
    private ctx: VolumeContext,
  ) {
    for (const v of (pod.spec?.volumes ?? []) as Volume[]) {
      const pv = this.make(v);
      if (pv) this.volumes.set(v.name, pv);
    }
  }

  /** Whether any volume is written from API objects (so the pod needs the periodic resync). */
  get projectsObjects(): boolean {
    return [...this.volumes.values()].some((v) => v.refresh);
  }

  /** The pod object changed (labels, annotations for downwardAPI). */
  setPod(pod: KubeObject): void {
    this.pod = pod;
  }

  /** Re-writes the configMap, secret, downwardAPI and projected volumes from the current objects. */
  refresh(): void {
    for (const v of this.volumes.values()) v.refresh?.();
  }

  /** The mounts of one container, with its subPath and readOnly; unknown volume names are skipped. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mountsFor(container: any): Mount[] {
    const out: Mount[] = [];
    for (const vm of (container.volumeMounts ?? []) as { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[]) {
      const v = this.volumes.get(vm.name);
      if (!v || !vm.mountPath) continue;
      const readOnly = v.readOnly || !!vm.readOnly;
      if (!vm.subPath) {
        out.push({ mountPath: vm.mountPath, store: v.store, root: v.root, readOnly });
        continue;
      }
      const sub = `${v.root}/${vm.subPath.replace(/^\/+|\/+$/g, '')}`;
      if (v.refresh) {
        // A snapshot: subPath mounts of projected volumes never see updates.
        const copy = new Map<string, string>();
        const isFile = v.store.has(sub);
        for (const [k, val] of v.store) if (k === sub || k.startsWith(sub + '/')) copy.set(k, val);
        out.push({ mountPath: vm.mountPath, store: copy, root: sub, readOnly, file: isFile });
        continue;
      }
      // The kubelet creates a missing subPath directory in a writable volume (subpath.go SafeMakeDir).
      const isFile = v.store.has(sub);
      if (!isFile && ![...v.store.keys()].some((k) => k.startsWith(sub + '/'))) v.store.set(sub + '/', '');
      out.push({ mountPath: vm.mountPath, store: v.store, root: sub, readOnly, file: isFile });
    }
    return out;
  }

  private make(v: Volume): PodVolume | undefined {
    const ns = this.pod.metadata.namespace ?? 'default';
    if (v.emptyDir) return { store: new VolumeStore(), root: '', readOnly: false };
    if (v.hostPath) return { store: this.ctx.disk, root: normalizeHostPath(v.hostPath.path ?? '/'), readOnly: false };
    if (v.persistentVolumeClaim) {
      const claim = tryGet(() => this.ctx.client.tryGet(PVCS, ns, v.persistentVolumeClaim.claimName));
      const pv = claim?.spec?.volumeName ? tryGet(() => this.ctx.client.tryGet(PVS, undefined, claim.spec.volumeName)) : undefined;
      const path: string | undefined = pv?.spec?.hostPath?.path ?? pv?.spec?.local?.path;
      // A claim without a node-local volume behind it: keep its data on the node under the claim's identity.
      const root = path ? normalizeHostPath(path) : `/var/lib/kubelet/pods/${this.pod.metadata.uid}/volumes/${v.name}`;
      return { store: this.ctx.disk, root, readOnly: !!v.persistentVolumeClaim.readOnly };
    }
    if (v.configMap || v.secret || v.downwardAPI || v.projected) {
      const store = new VolumeStore();
      const pv: PodVolume = { store, root: '', readOnly: true };
      pv.refresh = () => this.project(v, store);
      pv.refresh();
      return pv;
    }
    return undefined;
  }

  /** Writes the files of a configMap/secret/downwardAPI/projected volume; keys whose content is unchanged keep it. */
  private project(v: Volume, store: VolumeStore): void {
    const files = new Map<string, string | (() => string)>();
    const ns = this.pod.metadata.namespace ?? 'default';
    const fromData = (data: Record<string, string> | undefined, items: { key: string; path: string }[] | undefined) => {
      if (!data) return;
      if (items?.length) {
        for (const it of items) if (data[it.key] !== undefined) files.set('/' + it.path.replace(/^\/+/, ''), data[it.key]);
      } else for (const [k, val] of Object.entries(data)) files.set('/' + k, val);
    };
    const configMap = (src: { name: string; items?: { key: string; path: string }[] }) => {
      const cm = tryGet(() => this.ctx.client.tryGet(R.configmaps, ns, src.name));
      fromData({ ...(cm?.data ?? {}), ...decodeAll(cm?.binaryData) }, src.items);
    };
    const secret = (name: string, items?: { key: string; path: string }[]) => {
      const s = tryGet(() => this.ctx.client.tryGet(R.secrets, ns, name));
      fromData(decodeAll(s?.data), items);
    };
    const downward = (items: { path: string; fieldRef?: { fieldPath: string } }[] | undefined) => {
      for (const it of items ?? []) if (it.fieldRef) files.set('/' + it.path.replace(/^\/+/, ''), this.field(it.fieldRef.fieldPath));
    };
    if (v.configMap) configMap(v.configMap);
    else if (v.secret) secret(v.secret.secretName, v.secret.items);
    else if (v.downwardAPI) downward(v.downwardAPI.items);
    else {
      for (const src of (v.projected.sources ?? []) as Volume[]) {
        if (src.configMap) configMap(src.configMap);
        else if (src.secret) secret(src.secret.name, src.secret.items);
        else if (src.downwardAPI) downward(src.downwardAPI.items);
        else if (src.serviceAccountToken) {
          const path = '/' + String(src.serviceAccountToken.path ?? 'token').replace(/^\/+/, '');
          const existing = store.has(path) ? store.get(path) : undefined;
          files.set(path, existing ?? (() => this.token(src.serviceAccountToken.expirationSeconds, src.serviceAccountToken.audience)));
        }
      }
    }
    for (const k of [...store.keys(), ...store.lazy.keys()]) if (!files.has(k)) { store.delete(k); store.lazy.delete(k); }
    for (const [k, val] of files) {
      if (typeof val === 'function') {
        if (!store.has(k)) store.lazy.set(k, val);
      } else if (store.get(k) !== val) store.set(k, val);
    }
  }

  private token(expirationSeconds?: number, audience?: string): string {
    const sa = this.pod.spec?.serviceAccountName ?? 'default';
    const body = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { name: sa, namespace: this.pod.metadata.namespace },
      spec: {
        ...(audience ? { audiences: [audience] } : {}),
        expirationSeconds: expirationSeconds ?? 3607,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: this.pod.metadata.name, uid: this.pod.metadata.uid },
      },
    };
    const r = tryGet(() => this.ctx.client.create(R.serviceaccounts, this.pod.metadata.namespace, body as unknown as KubeObject, {}, 'token'));
    return (r as { status?: { token?: string } } | undefined)?.status?.token ?? '';
  }

  private field(path: string): string {
    const md = this.pod.metadata;
    switch (path) {
      case 'metadata.name': return md.name ?? '';
      case 'metadata.namespace': return md.namespace ?? '';
      case 'metadata.uid': return md.uid ?? '';
      case 'metadata.labels': return formatMap(md.labels);
      case 'metadata.annotations': return formatMap(md.annotations);
      case 'spec.nodeName': return this.pod.spec?.nodeName ?? '';
      case 'spec.serviceAccountName': return this.pod.spec?.serviceAccountName ?? '';
      case 'status.podIP': return this.ctx.podIP();
      case 'status.hostIP': return this.ctx.hostIP;
    }
    const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (m) return ((md as Record<string, unknown>)[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
    return '';
  }
}

/** fieldpath.FormatMap: sorted `k="v"` lines joined by newlines, values %q-quoted. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

function normalizeHostPath(p: string): string {
  const parts = p.split('/').filter((x) => x && x !== '.');
  // The disk's root is the store's root: keys are absolute host paths.
  return parts.length ? '/' + parts.join('/') : '';
}

function decodeAll(data: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) out[k] = decodeBase64(v);
  return out;
}

function decodeBase64(s: string): string {
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return s;
  }
}

function tryGet<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
