/**
 * The simulated registries: resolve a reference against the catalog, or fail the way containerd's resolver does.
 * Error texts follow containerd's pull path (pkg/cri/server/image_pull.go → remotes/docker/resolver.go) as the
 * kubelet relays them over CRI (gRPC status prefix "rpc error: code = … desc = …").
 */
import { CATALOG } from './catalog';
import { parseImageRef, type ImageRef } from './reference';
import type { ImageEntry } from './types';

export interface ResolvedImage {
  ref: ImageRef;
  entry: ImageEntry;
  tag: string;
  /** Compressed size in bytes, as the Pulled event prints it. */
  size: number;
  /** `sha256:<64 hex>`, stable per repository and tag. */
  digest: string;
  /** `docker.io/library/nginx@sha256:…`, the container status imageID. */
  imageID: string;
}

export type PullFailure = { reason: 'InvalidImageName' | 'ErrImagePull'; message: string };

const byRepository = new Map<string, ImageEntry>(CATALOG.map((e) => [e.repository, e]));

// k3s mirrors of upstream images share the same behaviour.
const ALIASES: Record<string, string> = {
  'docker.io/rancher/mirrored-pause': 'registry.k8s.io/pause',
};

// Amazon ECR Public mirrors the Docker Official Images under docker/library/, and NGINX publishes its official
// image there as nginx/nginx: same content as on Docker Hub (gallery.ecr.aws/docker, gallery.ecr.aws/nginx).
function mirrorOf(repository: string): string {
  const m = /^public\.ecr\.aws\/docker\/library\/(.+)$/.exec(repository);
  if (m) return `docker.io/library/${m[1]}`;
  if (repository === 'public.ecr.aws/nginx/nginx') return 'docker.io/library/nginx';
  return repository;
}

export function catalogEntry(repository: string): ImageEntry | undefined {
  return byRepository.get(ALIASES[repository] ?? mirrorOf(repository));
}

/** A digest that stands for a repository:tag (not a real registry's, but stable and well-formed). */
export function digestOf(repository: string, tag: string): string {
  let out = '';
  let h = 0x811c9dc5;
  const s = `${repository}:${tag}`;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return 'sha256:' + out.slice(0, 64);
}

export function resolveImage(raw: string): ResolvedImage | PullFailure {
  const ref = parseImageRef(raw);
  if (!ref) {
    // kubelet's image manager rejects unparsable names before asking the runtime (images/image_manager.go);
    // distribution/reference v0.5 names the upper-case case on its own.
    const lower = parseImageRef(raw.toLowerCase());
    const name = raw.split('@')[0].replace(/:[^/]*$/, '');
    const remote = lower ? (lower.domain === 'docker.io' && !name.includes('/') ? `library/${name}` : name.slice(name.length - lower.path.length)) : '';
    const detail = lower && /[A-Z]/.test(name) ? `invalid reference format: repository name (${remote}) must be lowercase` : 'invalid reference format';
    return { reason: 'InvalidImageName', message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${detail}` };
  }
  const entry = catalogEntry(ref.repository);
  const resolveErr = (detail: string, code: string) =>
    `rpc error: code = ${code} desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${detail}`;
  if (!entry) {
    // An unknown repository: Docker Hub answers 401 insufficient_scope; other registries a plain not found.
    const detail =
      ref.domain === 'docker.io'
        ? 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
        : `${ref.normalized}: not found`;
    return { reason: 'ErrImagePull', message: resolveErr(detail, ref.domain === 'docker.io' ? 'Unknown' : 'NotFound') };
  }
  let tag = ref.tag;
  if (ref.digest) {
    const match = Object.keys(entry.tags).find((t) => digestOf(entry.repository, t) === ref.digest);
    if (!match) return { reason: 'ErrImagePull', message: resolveErr(`${ref.normalized}: not found`, 'NotFound') };
    tag = match;
  }
  const size = tag ? (tag in entry.tags ? entry.tags[tag] : entry.tagRule?.(tag)) : undefined;
  if (!tag || size === undefined) return { reason: 'ErrImagePull', message: resolveErr(`${ref.normalized}: not found`, 'NotFound') };
  const digest = digestOf(entry.repository, tag);
  return { ref, entry, tag, size, digest, imageID: `${ref.repository}@${digest}` };
}

export const isPullFailure = (r: ResolvedImage | PullFailure): r is PullFailure => 'reason' in r;

/** The version an image's logs print for its tag (`latest` stands for the newest release). */
export function versionOf(img: ResolvedImage): string {
  const t = img.tag;
  if ((t === 'latest' || t === 'alpine' || t === 'stable' || t === 'mainline') && img.entry.latestIs) return img.entry.latestIs;
  const m = /^v?(\d+(?:\.\d+)*)/.exec(t);
  if (!m) return img.entry.latestIs ?? t;
  // A minor tag stands for its newest patch release.
  if (img.entry.latestIs && img.entry.latestIs.startsWith(m[1] + '.')) return img.entry.latestIs;
  return m[1].split('.').length === 2 ? `${m[1]}.0` : m[1];
}

/**
 * How long a pull takes: a registry round trip plus the layers at a home-broadband rate (~20 MB/s), with
 * jitter from the caller's Random. A 72 MB nginx takes 3–5 s, as on a real k3d cluster.
 */
export function pullDurationMs(size: number, jitter01: number): number {
  return Math.round(600 + (size / 20_000_000) * 1000 * (0.8 + 0.4 * jitter01));
}
