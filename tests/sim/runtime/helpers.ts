/** Shared set-up for the runtime timelines: a settled mini-cluster and a client that talks to it like kubectl. */
import { ApiClient, createWorld, R, type KubeObject, type World } from '../../../src/sim/index';
import { loadsInFlight } from '../../../src/sim/lazy';

export function miniWorld(seed = 7): { world: World; client: ApiClient } {
  const world = createWorld({ seed });
  return { world, client: new ApiClient(world.api()!, 'kubectl/v1.31.5') };
}

export function podSpec(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec };
}

export function pod(client: ApiClient, name: string, ns = 'default'): KubeObject {
  return client.get(R.pods, ns, name);
}

export function eventsFor(client: ApiClient, name: string, ns = 'default'): KubeObject[] {
  return client
    .list(R.events, ns)
    .items.filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** Advances in small steps, calling `probe` after each, until `until` returns true or `maxMs` passes. */
export function stepUntil(world: World, until: () => boolean, maxMs: number, stepMs = 100): number {
  const start = world.clock.now();
  while (world.clock.now() - start < maxMs) {
    if (until()) return world.clock.now() - start;
    world.advance(stepMs);
  }
  return -1;
}

export function waiting(p: KubeObject, i = 0): string | undefined {
  return p.status?.containerStatuses?.[i]?.state?.waiting?.reason;
}

export function condition(o: KubeObject, type: string): Record<string, string> | undefined {
  return (o.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

/** Everything in the cluster, as JSON text: the byte-for-byte comparison of two worlds. */
export function dump(client: ApiClient): string {
  const parts: string[] = [];
  for (const r of [R.nodes, R.pods, R.services, R.endpoints, R.events, R.deployments, R.replicasets, R.daemonsets, R.jobs, R.leases]) {
    parts.push(JSON.stringify(client.list(r).items));
  }
  return parts.join('\n');
}

/**
 * Drives the clock as the browser's real-time driver does: many instants per step (a second, as at 20x
 * fast-forward), a macrotask between steps, no step while a load is in flight. Steps aim at fixed grid points, so
 * a step cut short by the clock's hold is finished by the next one and both worlds see the same advances. With
 * steps this long, what starts a load and what needs the code fall in one step: without the clock's hold a cold
 * world would run ahead of its load (the lazy-loading tests fail with VirtualClock.holdsForLoads off).
 */
export async function settleInSteps(world: World, ms: number): Promise<void> {
  const start = world.clock.now();
  for (let k = 1; k * 1000 <= ms; ) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (loadsInFlight()) continue;
    world.clock.advanceTo(start + k * 1000);
    if (world.clock.now() >= start + k * 1000) k++;
  }
}
