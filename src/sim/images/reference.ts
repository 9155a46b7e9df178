/**
 * Image references resolved the way containerd (through the CRI plugin k3s embeds) normalises them:
 * a bare name gets `docker.io/library/`, a name with one path segment gets `docker.io/`, a missing tag becomes
 * `latest`, and a digest (`@sha256:…`) pins the content. The normalised form is what containerd's error texts quote
 * (docker/distribution reference/normalize.go: ParseNormalizedNamed, TagNameOnly).
 */

export interface ImageRef {
  /** As written in the pod spec: `nginx`, `nginx:1.27`, `registry.k8s.io/pause:3.9`. */
  raw: string;
  /** Registry host: `docker.io`, `registry.k8s.io`, `gcr.io`. */
  domain: string;
  /** Repository path without the domain: `library/nginx`, `google-samples/hello-app`. */
  path: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` (tag defaulted unless a digest is given). */
  normalized: string;
  /** `docker.io/library/nginx` */
  repository: string;
}

// A repository path component: lower-case alphanumerics separated by `.`, `_`, `__` or dashes (distribution's grammar).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Parses an image reference, or returns undefined when containerd would call it an invalid reference format. */
export function parseImageRef(raw: string): ImageRef | undefined {
  if (!raw || raw !== raw.trim()) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  // The first component is a registry host when it has a dot or a port, or is localhost (normalize.go splitDockerDomain).
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    domain = parts.shift()!;
    if (domain === 'index.docker.io') domain = 'docker.io';
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (!parts.every((p) => COMPONENT.test(p))) return undefined;
  const path = parts.join('/');
  const repository = `${domain}/${path}`;
  if (!tag && !digest) tag = 'latest';
  const normalized = repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { raw, domain, path, tag, digest, normalized, repository };
}

/** imagePullPolicy default: Always for `:latest` or no tag, else IfNotPresent (core/v1 defaults.go SetDefaults_Container). */
export function defaultPullPolicy(raw: string): 'Always' | 'IfNotPresent' {
  const ref = parseImageRef(raw);
  if (!ref) return 'IfNotPresent';
  if (ref.digest) return 'IfNotPresent';
  const lastSlash = raw.lastIndexOf('/');
  const explicitTag = raw.lastIndexOf(':') > lastSlash ? ref.tag : undefined;
  return !explicitTag || explicitTag === 'latest' ? 'Always' : 'IfNotPresent';
}
