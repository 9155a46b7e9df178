/**
 * Pod volumes as the kubelet mounts them: emptyDir shared between init, sidecar and app containers, configMap and
 * secret keys as read-only files updated after a resync, the projected service-account files, subPath, hostPath
 * and local-path PVCs whose data outlive the pod.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, createWorld, R, type KubeObject, type World } from '../../src/sim/index';

function setup(seed = 5): { world: World; client: ApiClient } {
  const world = createWorld({ seed });
  world.advance(30_000);
  return { world, client: new ApiClient(world.api()!, 'kubectl/v1.31.5') };
}

/** `kubectl exec POD -c C -- argv…`: stdout+stderr and the exit code, after the command has run. */
function exec(world: World, pod: string, argv: string[], container?: string, ns = 'default'): { out: string; code: number } {
  const query: Record<string, string> = { command: JSON.stringify(argv), stdout: 'true', stderr: 'true' };
  if (container) query.container = container;
  const res = world.api()!.handle({ method: 'POST', path: `/api/v1/namespaces/${ns}/pods/${pod}/exec`, query });
  if (!res.exec) return { out: JSON.stringify(res.body), code: -1 };
  let out = '';
  let code = -1;
  res.exec.onOutput((_s, d) => (out += d));
  res.exec.onExit?.((c: number) => (code = c));
  world.advance(50);
  return { out, code };
}

function podObj(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec };
}

function phase(client: ApiClient, name: string): string {
  return client.get(R.pods, 'default', name).status?.phase;
}

describe('pod volumes', () => {
  it('an init container copies a ConfigMap file into an emptyDir that nginx then serves', () => {
    const { world, client } = setup();
    client.create(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'page' }, data: { 'index.html': '<h1>from the configmap</h1>\n' } });
    client.create(
      R.pods,
      'default',
      podObj('web', {
        initContainers: [
          { name: 'init-copy', image: 'busybox', command: ['sh', '-c', 'cp /config/index.html /usr/share/nginx/html/'], volumeMounts: [{ name: 'cfg', mountPath: '/config' }, { name: 'html', mountPath: '/usr/share/nginx/html' }] },
        ],
        containers: [{ name: 'nginx', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] }],
        volumes: [{ name: 'cfg', configMap: { name: 'page' } }, { name: 'html', emptyDir: {} }],
      }),
    );
    world.advance(30_000);
    expect(phase(client, 'web')).toBe('Running');
    expect(exec(world, 'web', ['cat', '/usr/share/nginx/html/index.html']).out).toBe('<h1>from the configmap</h1>\n');
    // the ConfigMap volume is not mounted in the nginx container
    const missing = exec(world, 'web', ['ls', '/config']);
    expect(missing.out).toBe('ls: /config: No such file or directory\n');
    // and nginx answers with the copied page
    const ip = client.get(R.pods, 'default', 'web').status.podIP;
    client.create(R.pods, 'default', podObj('probe', { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] }));
    world.advance(20_000);
    expect(exec(world, 'probe', ['wget', '-qO-', `http://${ip}/`]).out).toBe('<h1>from the configmap</h1>\n');
  });

  it('nginx over an empty emptyDir has no welcome page: / is 403 Forbidden', () => {
    const { world, client } = setup();
    client.create(
      R.pods,
      'default',
      podObj('bare', {
        containers: [{ name: 'nginx', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] }],
        volumes: [{ name: 'html', emptyDir: {} }],
      }),
    );
    client.create(R.pods, 'default', podObj('probe', { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] }));
    world.advance(30_000);
    const ip = client.get(R.pods, 'default', 'bare').status.podIP;
    const r = exec(world, 'probe', ['wget', '-qO-', `http://${ip}/`]);
    expect(r.out).toBe('wget: server returned error: HTTP/1.1 403 Forbidden\n');
    expect(r.code).toBe(1);
    exec(world, 'bare', ['sh', '-c', 'echo made > /usr/share/nginx/html/index.html']);
    expect(exec(world, 'probe', ['wget', '-qO-', `http://${ip}/`]).out).toBe('made\n');
  });

  it('a sidecar tails the log file the app container appends to in a shared emptyDir', () => {
    const { world, client } = setup();
    client.create(
      R.pods,
      'default',
      podObj('cleaner', {
        volumes: [{ name: 'logs', emptyDir: {} }],
        initContainers: [{ name: 'logger', image: 'busybox', restartPolicy: 'Always', command: ['sh', '-c', 'tail -F /var/log/cleaner.log'], volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }],
        containers: [
          {
            name: 'app',
            image: 'busybox',
            command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i" >> /var/log/cleaner.log; sleep 10; done'],
            volumeMounts: [{ name: 'logs', mountPath: '/var/log' }],
          },
        ],
      }),
    );
    world.advance(45_000);
    const p = client.get(R.pods, 'default', 'cleaner');
    expect(p.status.phase).toBe('Running');
    expect(p.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(p.status.initContainerStatuses[0].ready).toBe(true);
    expect(p.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
    const logs = world.api()!.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/cleaner/log', query: { container: 'logger' } }).body as string;
    // the file did not exist when tail started: busybox says so once, then follows it when it appears
    expect(logs.split('\n')[0]).toBe("tail: can't open '/var/log/cleaner.log': No such file or directory");
    expect(logs).toContain('line 1\nline 2\nline 3\n');
    const before = exec(world, 'cleaner', ['cat', '/var/log/cleaner.log'], 'logger').out;
    expect(before.startsWith('line 1\nline 2\n')).toBe(true);
    expect(exec(world, 'cleaner', ['cat', '/var/log/cleaner.log'], 'app').out).toBe(before);
  });

  it('ConfigMap keys are read-only files that follow the object after the kubelet resyncs; subPath copies do not', () => {
    const { world, client } = setup();
    client.create(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { mode: 'one', other: 'x' } });
    client.create(R.secrets, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { password: btoa('s3cret') } });
    client.create(
      R.pods,
      'default',
      podObj('reader', {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            command: ['sleep', '3600'],
            volumeMounts: [
              { name: 'cfg', mountPath: '/etc/app' },
              { name: 'cfg', mountPath: '/etc/mode', subPath: 'mode' },
              { name: 'sec', mountPath: '/etc/secret', readOnly: true },
            ],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'sec', secret: { secretName: 'sec' } }],
      }),
    );
    world.advance(20_000);
    expect(exec(world, 'reader', ['ls', '/etc/app']).out).toBe('mode\nother\n');
    expect(exec(world, 'reader', ['cat', '/etc/secret/password']).out).toBe('s3cret');
    const w = exec(world, 'reader', ['sh', '-c', 'echo x > /etc/app/mode']);
    expect(w.out).toBe("sh: can't create /etc/app/mode: Read-only file system\n");
    expect(w.code).toBe(1);
    const cm = client.get(R.configmaps, 'default', 'cfg');
    client.update(R.configmaps, 'default', { ...cm, data: { mode: 'two', other: 'x' } });
    world.advance(1_000);
    expect(exec(world, 'reader', ['cat', '/etc/app/mode']).out).toBe('one');
    world.advance(61_000);
    expect(exec(world, 'reader', ['cat', '/etc/app/mode']).out).toBe('two');
    expect(exec(world, 'reader', ['cat', '/etc/mode']).out).toBe('one');
  });

  it('every container sees the service-account token, ca.crt and namespace', () => {
    const { world, client } = setup();
    client.create(R.pods, 'default', podObj('sa', { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] }));
    world.advance(20_000);
    expect(exec(world, 'sa', ['ls', '/var/run/secrets/kubernetes.io/serviceaccount']).out).toBe('ca.crt\nnamespace\ntoken\n');
    expect(exec(world, 'sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).out).toBe('default');
    const token = exec(world, 'sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).out;
    expect(token.split('.')).toHaveLength(3);
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(payload.sub).toBe('system:serviceaccount:default:default');
    expect(exec(world, 'sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt']).out).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('a container restart starts from a fresh writable layer but keeps the emptyDir', () => {
    const { world, client } = setup();
    client.create(
      R.pods,
      'default',
      podObj('restarter', {
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo run >> /data/runs; cat /data/runs; cat /tmp/t; echo tmp > /tmp/t; sleep 5; exit 1'], volumeMounts: [{ name: 'd', mountPath: '/data' }] }],
        volumes: [{ name: 'd', emptyDir: {} }],
      }),
    );
    const restarted = () => client.get(R.pods, 'default', 'restarter').status?.containerStatuses?.[0]?.restartCount >= 1;
    for (let i = 0; i < 60 && !restarted(); i++) world.advance(1_000);
    world.advance(1_000);
    const log = world.api()!.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods/restarter/log' }).body as string;
    expect(log).toBe("run\nrun\ncat: can't open '/tmp/t': No such file or directory\n");
  });

  it('a local-path PVC keeps its data on the node after the pod is deleted', () => {
    const { world, client } = setup();
    client.create({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    const withClaim = (name: string, cmd: string) =>
      podObj(name, {
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', cmd], volumeMounts: [{ name: 'd', mountPath: '/data' }] }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      });
    client.create(R.pods, 'default', withClaim('writer', 'echo kept > /data/file; sleep 3600'));
    world.advance(40_000);
    expect(phase(client, 'writer')).toBe('Running');
    client.delete(R.pods, 'default', 'writer', { gracePeriodSeconds: 0 });
    world.advance(10_000);
    client.create(R.pods, 'default', withClaim('reader', 'sleep 3600'));
    world.advance(30_000);
    expect(phase(client, 'reader')).toBe('Running');
    expect(exec(world, 'reader', ['cat', '/data/file']).out).toBe('kept\n');
    const pvc = client.get({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, 'default', 'data');
    const pv = client.get({ group: '', version: 'v1', resource: 'persistentvolumes' }, undefined, pvc.spec.volumeName);
    expect(pv.spec.hostPath?.path ?? pv.spec.local?.path).toBe(`/var/lib/rancher/k3s/storage/${pvc.spec.volumeName}_default_data`);
  });

  it('hostPath volumes share the node disk between pods; cp -r, mkdir and ls inside a volume', () => {
    const { world, client } = setup();
    const node = client.list(R.nodes).items[0].metadata.name!;
    const hp = (name: string, cmd: string) =>
      podObj(name, {
        nodeName: node,
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', cmd], volumeMounts: [{ name: 'h', mountPath: '/host' }] }],
        volumes: [{ name: 'h', hostPath: { path: '/srv/shared', type: 'DirectoryOrCreate' } }],
      });
    client.create(R.pods, 'default', hp('one', 'mkdir -p /host/a/b && echo hi > /host/a/b/f && cp -r /host/a /host/copy; sleep 3600'));
    client.create(R.pods, 'default', hp('two', 'sleep 3600'));
    world.advance(30_000);
    expect(exec(world, 'two', ['cat', '/host/copy/b/f']).out).toBe('hi\n');
    expect(exec(world, 'two', ['ls', '/host']).out).toBe('a\ncopy\n');
    expect(exec(world, 'two', ['cat', '/host/a']).out).toBe('cat: read error: Is a directory\n');
    expect(exec(world, 'two', ['cp', '/host/nope', '/tmp/']).out).toBe("cp: can't stat '/host/nope': No such file or directory\n");
    expect(exec(world, 'two', ['sh', '-c', 'cd /host/a/b && pwd && echo two >> f && head -n 1 f && cat /host/a/b/f; cd /nope']).out).toBe("/host/a/b\nhi\nhi\ntwo\nsh: cd: can't cd to /nope: No such file or directory\n");
  });
});
