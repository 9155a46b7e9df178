/**
 * The CronJob, StatefulSet and disruption controllers start on the first object of their kind, their code
 * loaded then (src/sim/controllers/on-first-object.ts). A world where that code was not loaded yet, driven as the
 * browser drives the clock, must print the same bytes as one where it was; a new cluster loads none of them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { forgetControllers, preloadControllers, StartOnFirstObject } from '../../../src/sim/controllers/on-first-object';
import { loadsInFlight, loadsStarted } from '../../../src/sim/lazy';
import { ApiClient, createWorld, gvr, R, type KubeObject, type World } from '../../../src/sim/index';
import { settleInSteps } from '../runtime/helpers';

const CRONJOBS = gvr('batch', 'v1', 'cronjobs');
const STATEFULSETS = gvr('apps', 'v1', 'statefulsets');
const PDBS = gvr('policy', 'v1', 'poddisruptionbudgets');
const HPAS = gvr('autoscaling', 'v2', 'horizontalpodautoscalers');

const obj = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion, kind, metadata: { name }, spec });
const template = (app: string, image: string, extra: Record<string, unknown> = {}) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: app, image, ...extra }] } });

function standIns(world: World): StartOnFirstObject[] {
  const cm = (world.cluster() as unknown as { controllerManager: { controllers: Map<string, unknown> } }).controllerManager;
  return [...cm.controllers.values()].filter((c): c is StartOnFirstObject => c instanceof StartOnFirstObject);
}

async function script(): Promise<string> {
  const world = createWorld({ seed: 21 });
  const client = new ApiClient(world.api()!, 'kubectl/v1.31.5');
  client.create(CRONJOBS, 'default', obj('batch/v1', 'CronJob', 'tick', { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'date; echo hello'] }] } } } } }));
  await settleInSteps(world, 5_000);
  client.create(STATEFULSETS, 'default', obj('apps/v1', 'StatefulSet', 'db', { serviceName: 'db', replicas: 2, selector: { matchLabels: { app: 'db' } }, template: template('db', 'nginx:1.27') }));
  client.create(PDBS, 'default', obj('policy/v1', 'PodDisruptionBudget', 'db', { minAvailable: 1, selector: { matchLabels: { app: 'db' } } }));
  client.create(R.deployments, 'default', obj('apps/v1', 'Deployment', 'web', { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('web', 'nginx:1.27', { resources: { requests: { cpu: '100m' } } }) }));
  client.create(HPAS, 'default', obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }));
  await settleInSteps(world, 150_000);
  expect(standIns(world).every((s) => s.controller)).toBe(true);
  const parts = [CRONJOBS, R.jobs, STATEFULSETS, PDBS, HPAS, R.pods, R.events, R.deployments].map((r) => JSON.stringify(client.list(r).items));
  return parts.join('\n') + JSON.stringify(world.snapshot());
}

describe('controllers started on their first object', () => {
  afterAll(() => preloadControllers());

  it('a new cluster starts none of them and loads nothing', async () => {
    forgetControllers();
    const before = loadsStarted();
    const world = createWorld({ seed: 4 });
    await settleInSteps(world, 30_000);
    expect(loadsStarted()).toBe(before);
    const names = standIns(world).map((s) => s.name).sort();
    expect(names).toEqual(['cronjob-controller', 'disruption-controller', 'statefulset-controller']);
    expect(standIns(world).some((s) => s.controller)).toBe(false);
  });

  const NAMES = ['cronjob-controller', 'statefulset-controller', 'disruption-controller'];

  it.each([...NAMES.map((n) => [n]), ['all three']])('%s: a cold world prints what a warm one prints, and the cold one loaded it', async (which) => {
    const names = which === 'all three' ? NAMES : [which];
    await preloadControllers();
    const warmStarted = loadsStarted();
    const warm = await script();
    expect(loadsStarted()).toBe(warmStarted);

    forgetControllers(names);
    const coldStarted = loadsStarted();
    const cold = await script();
    expect(loadsStarted() - coldStarted).toBe(names.length);
    expect(loadsInFlight()).toBe(0);

    expect(cold).toBe(warm);
    // the controllers did their work
    expect(warm).toMatch(/"name":"tick-\d+"/);
    expect(warm).toContain('"name":"db-1"');
    expect(warm).toMatch(/"currentHealthy":2/);
    expect(warm).toMatch(/"currentReplicas":1/);
  }, 120_000);
});
