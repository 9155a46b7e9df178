/**
 * What `/version` reports. k3s v1.31.5+k3s1 (the k3s image k3d v5.8 pulls by default is in this line).
 * kubectl's version skew and the gcloud dispatcher key off major/minor; gitVersion is what
 * `kubectl version` prints as "Server Version". Fields as in apimachinery pkg/version/types.go Info; values as a
 * k3d cluster on that image answers `curl …/version` (commit and build date of the release; platform per host).
 */
export const K3S_VERSION = 'v1.31.5+k3s1';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const DEFAULT_VERSION_INFO: VersionInfo = {
  major: '1',
  minor: '31',
  gitVersion: K3S_VERSION,
  gitCommit: '56ec5dd4d012c1d77dc7f50f21f65183044c92e7',
  gitTreeState: 'clean',
  buildDate: '2025-01-28T16:50:04Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};
