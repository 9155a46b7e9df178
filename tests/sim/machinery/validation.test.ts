// Messages and paths follow pkg/apis/core/validation/validation.go, pkg/apis/apps/validation/validation.go,
// pkg/apis/batch/validation/validation.go and apimachinery pkg/util/validation/validation.go; the full texts are
// those quoted in the k8s behaviour reference §8.3 (real `kubectl` outputs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyDefaults } from '../../../src/sim/apiserver/defaults';
import { findUnknownFields } from '../../../src/sim/apiserver/schema';
import { cronError, validate } from '../../../src/sim/apiserver/validation';
import type { KubeObject } from '../../../src/sim/apiserver/types';

/* eslint-disable @typescript-eslint/no-explicit-any */
const RESOURCES: Record<string, [string, string]> = {
  Pod: ['', 'pods'], Deployment: ['apps', 'deployments'], Service: ['', 'services'], ConfigMap: ['', 'configmaps'], Secret: ['', 'secrets'],
  Job: ['batch', 'jobs'], CronJob: ['batch', 'cronjobs'], DaemonSet: ['apps', 'daemonsets'], StatefulSet: ['apps', 'statefulsets'],
  ReplicaSet: ['apps', 'replicasets'], Namespace: ['', 'namespaces'], PersistentVolumeClaim: ['', 'persistentvolumeclaims'], Ingress: ['networking.k8s.io', 'ingresses'],
};

/** Defaults then validates, like the API server's create path. */
function check(obj: any, old?: any): string[] {
  const [group, resource] = RESOURCES[obj.kind];
  obj.metadata.uid ??= 'uid-1';
  applyDefaults(group, resource, obj, old ? { old } : {});
  return validate(group, resource, obj, old ? { old } : {}).map((e) => e.message);
}

const deployment = (over: any = {}): any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...over },
});

describe('names (apimachinery validation.go texts)', () => {
  it('DNS-1123 subdomain for most kinds', () => {
    const d = deployment();
    d.metadata.name = 'My_App';
    expect(check(d)).toEqual([
      `metadata.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });
  it('DNS-1123 label for namespaces (note the double space), DNS-1035 for services', () => {
    expect(check({ kind: 'Namespace', metadata: { name: 'Dev' } })).toEqual([
      `metadata.name: Invalid value: "Dev": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    expect(check({ kind: 'Service', metadata: { name: '1web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } })).toEqual([
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });
  it('missing name, label syntax', () => {
    expect(check({ kind: 'ConfigMap', metadata: { namespace: 'default' } })).toEqual(['metadata.name: Required value: name or generateName is required']);
    const d = deployment();
    d.metadata.labels = { 'app name': 'x', tier: 'bad value' };
    expect(check(d)).toEqual([
      `metadata.labels: Invalid value: "app name": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });
});

describe('Deployment rules', () => {
  it('selector must match the template labels', () => {
    const d = deployment();
    d.spec.template.metadata.labels = { app: 'web2' };
    expect(check(d)).toEqual(['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web2"}: `selector` does not match template `labels`']);
  });
  it('missing selector, negative replicas, restartPolicy, missing image and containers', () => {
    expect(check(deployment({ selector: undefined }))).toEqual(['spec.selector: Required value']);
    expect(check(deployment({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    const d = deployment();
    d.spec.template.spec.restartPolicy = 'Never';
    expect(check(d)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
    const e = deployment();
    delete e.spec.template.spec.containers[0].image;
    expect(check(e)).toEqual(['spec.template.spec.containers[0].image: Required value']);
    const f = deployment();
    f.spec.template.spec.containers = [];
    expect(check(f)).toEqual(['spec.template.spec.containers: Required value']);
  });
  it('duplicate container names, bad env names, ports out of range, unknown volume mounts', () => {
    const d = deployment();
    d.spec.template.spec.containers = [
      { name: 'a', image: 'x', env: [{ name: '1BAD', value: 'v' }], ports: [{ containerPort: 70000 }], volumeMounts: [{ name: 'data', mountPath: '/d' }] },
      { name: 'a', image: 'y' },
    ];
    expect(check(d)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      `spec.template.spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.template.spec.containers[1].name: Duplicate value: "a"',
    ]);
  });
  it('probe handlers, resources', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].livenessProbe = { periodSeconds: 5 };
    d.spec.template.spec.containers[0].resources = { limits: { cpu: '500m' }, requests: { cpu: '1' } };
    expect(check(d)).toEqual([
      'spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type',
    ]);
  });
  it('the selector is immutable on update', () => {
    const old = deployment();
    check(old);
    const d = deployment({ selector: { matchLabels: { app: 'web2' } } });
    d.spec.template.metadata.labels = { app: 'web2' };
    expect(check(d, old)).toEqual(['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable']);
  });
});

describe('Pod, Job, CronJob, Service rules', () => {
  const pod = (): any => ({ kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  it('pod spec updates are forbidden except images', () => {
    const old = pod();
    check(old);
    // As `kubectl set image` does: the live object with one field changed (imagePullPolicy stays as stored).
    const img = JSON.parse(JSON.stringify(old));
    img.spec.containers[0].image = 'busybox:1.36';
    expect(check(img, old)).toEqual([]);
    const env = pod();
    env.spec.containers[0].env = [{ name: 'A', value: '1' }];
    const msgs = check(env, old);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].startsWith('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n')).toBe(true);
  });
  it('a Job template defaulted to restartPolicy Always is rejected', () => {
    const job = { kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } };
    expect(check(job)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  });
  it('a user-set selector without manualSelector is not auto-generated', () => {
    const job = { kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } } };
    expect(check(job)).toEqual(['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b", "batch.kubernetes.io/controller-uid":"uid-1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated']);
  });
  it('CronJob schedules (robfig/cron texts) and name length', () => {
    expect(cronError('*/5 * * * *')).toBeUndefined();
    expect(cronError('@hourly')).toBeUndefined();
    expect(cronError('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(cronError('* * *')).toBe('expected exactly 5 fields, found 3: [* * *]');
    const cj = { kind: 'CronJob', metadata: { name: 'x'.repeat(53), namespace: 'default' }, spec: { schedule: 'every minute', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } };
    expect(check(cj)).toEqual([`metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`, 'spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]']);
  });
  it('Service ports, nodePort range, immutable cluster IP', () => {
    const svc = (spec: any): any => ({ kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec });
    expect(check(svc({ ports: [{ port: 80 }, { port: 443 }] }))).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    expect(check(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).toEqual(['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']);
    expect(check(svc({ ports: [{ port: 80, nodePort: 30080 }] }))).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    expect(check(svc({ type: 'Cluster', ports: [{ port: 80 }] }))).toEqual(['spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
    const old = svc({ ports: [{ port: 80 }], clusterIP: '10.43.0.10', clusterIPs: ['10.43.0.10'] });
    check(old);
    expect(check(svc({ ports: [{ port: 80 }], clusterIP: 'None', clusterIPs: ['None'] }), old)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set']);
  });
});

describe('the docs example manifests', () => {
  const root = join(process.cwd(), '..', 'shared', 'corpus', 'manifests');
  const available = existsSync(join(root, 'INDEX.tsv'));
  if (!available) console.log('validation corpus test: skipped, ../shared/corpus/manifests is missing');
  it.skipIf(!available)('are accepted except the two a real server rejects too', () => {
    const rejected: string[] = [];
    let count = 0;
    for (const line of readFileSync(join(root, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1)) {
      const file = line.split('\t')[0];
      for (const doc of parseAllDocuments(readFileSync(join(root, file), 'utf8'))) {
        const o = doc.toJSON() as KubeObject | null;
        if (!o?.kind) continue;
        count++;
        const [group, version] = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/') : ['', String(o.apiVersion)];
        o.metadata ??= {};
        if (o.kind !== 'Namespace') o.metadata.namespace ??= 'default';
        const unknown = findUnknownFields(group, version, o.kind, o);
        const r = RESOURCES[o.kind];
        const errs = r ? check(o) : [];
        if (unknown.length || errs.length) rejected.push(`${file} ${[...unknown.map((u) => `unknown field "${u}"`), ...errs].join('; ').slice(0, 120)}`);
      }
    }
    expect(count).toBeGreaterThan(150);
    // job-tmpl.yaml is a template with $ITEM placeholders; dual-stack-ipv6-svc.yaml uses the removed spec.ipFamily.
    expect(rejected.map((r) => r.split(' ')[0])).toEqual(['application/job/job-tmpl.yaml', 'service/networking/dual-stack-ipv6-svc.yaml']);
  });
});

describe('HPA and PDB rules (pkg/apis/autoscaling, pkg/apis/policy validation)', () => {
  it('replica bounds and both-set budgets', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'default' }, spec: { minReplicas: 5, maxReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } } };
    applyDefaults('autoscaling', 'horizontalpodautoscalers', hpa as any);
    expect(validate('autoscaling', 'horizontalpodautoscalers', hpa as any).map((e) => e.message)).toEqual(['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']);
    const pdb = { kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'default' }, spec: { minAvailable: 1, maxUnavailable: '150%' } };
    expect(validate('policy', 'poddisruptionbudgets', pdb as any).map((e) => e.message)).toEqual([
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{…}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
  });
});
