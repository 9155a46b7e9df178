/**
 * ControllerRevisions for DaemonSets and StatefulSets (pkg/controller/history/controller_history.go,
 * daemon/update.go, statefulset/stateful_set_utils.go): the revision's data is the template as a
 * `{"spec":{"template":{…,"$patch":"replace"}}}` patch, named `<owner>-<hash>`, numbered one above the highest
 * existing revision; re-using an old template bumps that revision's number instead of creating another.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ApiClient } from '../../client/client';
import { isAlreadyExists } from '../../client/client';
import { R } from '../../client/resources';
import { computeHash } from './hash';
import { controllerRef, deepCopy } from './owner';

export function revisionPatch(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(deepCopy(template) as Record<string, unknown>), $patch: 'replace' } } };
}

export interface Revisions {
  current: KubeObject;
  /** All revisions owned by the object, oldest number first. */
  all: KubeObject[];
  hash: string;
}

/** Finds or creates the revision for the owner's current template. */
export function syncRevision(
  client: ApiClient,
  owner: KubeObject,
  kind: 'DaemonSet' | 'StatefulSet',
  owned: KubeObject[],
  labels: Record<string, string>,
  labelKey = 'controller-revision-hash',
  /** StatefulSets always hash a collision count (0 when unset); DaemonSets only once one was recorded. */
  collisionCount: number | undefined = owner.status?.collisionCount,
): Revisions {
  const data = revisionPatch(owner.spec?.template);
  const hash = computeHash(data, collisionCount);
  const name = `${owner.metadata.name}-${hash}`;
  const all = [...owned].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const max = all.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  let current = all.find((r) => r.metadata.name === name);
  if (current) {
    if ((current.revision ?? 0) < max) {
      current = client.update(R.controllerrevisions, owner.metadata.namespace, { ...deepCopy(current), revision: max + 1 });
    }
  } else {
    const cr: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        labels: { ...labels, [labelKey]: hash },
        ownerReferences: [{ apiVersion: 'apps/v1', kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      data,
      revision: max + 1,
    };
    try {
      current = client.create(R.controllerrevisions, owner.metadata.namespace, cr);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      current = client.get(R.controllerrevisions, owner.metadata.namespace, name);
    }
  }
  const rest = all.filter((r) => r.metadata.name !== name);
  return { current: current!, all: [...rest, current!].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0)), hash };
}

export function ownedRevisions(list: KubeObject[], owner: KubeObject): KubeObject[] {
  return list.filter((r) => controllerRef(r)?.uid === owner.metadata.uid);
}

/** Deletes the oldest revisions beyond the history limit that no live pod uses. */
export function truncateHistory(client: ApiClient, revs: Revisions, inUse: Set<string>, limit: number): void {
  const candidates = revs.all.filter((r) => r.metadata.name !== revs.current.metadata.name && !inUse.has(r.metadata.name!));
  const excess = candidates.length - limit;
  for (let i = 0; i < excess; i++) {
    try {
      client.delete(R.controllerrevisions, candidates[i].metadata.namespace, candidates[i].metadata.name!);
    } catch {
      /* gone */
    }
  }
}
