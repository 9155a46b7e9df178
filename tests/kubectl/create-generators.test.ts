/**
 * kubectl create's RBAC, quota, PDB, priority class, ingress, token and TLS generators and the describers they lead
 * to, run against a whole simulated cluster. Expected texts were taken from the real kubectl 1.31 against
 * `kubelab serve` (the conformance cases named `create-…`/`describe-…` keep comparing them byte for byte).
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/sim/world';
import { makeEnv, run, type Env } from './harness';
import { settle } from '../../src/cli/driver';
import { breakdownRule, compactRules, combineResourceGroup } from '../../src/kubectl/describe/rbac';
import { camelSplit, smartLabelFor } from '../../src/kubectl/describe/generic';

function setup(): Env {
  const w = createWorld({ seed: 1 });
  const e = makeEnv();
  e.clock = w.clock;
  e.servers = { get: (u: string) => w.resolveServer(u) } as unknown as Env['servers'];
  e.env.KUBECONFIG = '/root/.kube/config';
  e.fs.writeFile(
    '/root/.kube/config',
    `apiVersion: v1\nclusters:\n- cluster:\n    server: ${w.serverURL()}\n  name: k3d-mini-cluster\ncontexts:\n- context:\n    cluster: k3d-mini-cluster\n    user: admin@k3d-mini-cluster\n  name: k3d-mini-cluster\ncurrent-context: k3d-mini-cluster\nkind: Config\npreferences: {}\nusers:\n- name: admin@k3d-mini-cluster\n  user: {}\n`,
  );
  return e;
}

describe('rule breakdown and compaction (pkg/util/rbac)', () => {
  it('breaks a rule into one verb, resource and name each, then merges simple rules by verb', () => {
    const parts = breakdownRule({ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list'] });
    expect(parts).toHaveLength(4);
    expect(compactRules(parts)).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] },
    ]);
    expect(breakdownRule({ nonResourceURLs: ['/healthz'], verbs: ['get'] })).toEqual([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]);
  });
  it('names a resource with its group and subresource', () => {
    expect(combineResourceGroup(['deployments/scale'], ['apps'])).toBe('deployments.apps/scale');
    expect(combineResourceGroup(['pods'], [''])).toBe('pods');
    expect(combineResourceGroup([], ['x'])).toBe('');
  });
});

describe('generic describer labels (fatih/camelcase, smartLabelFor)', () => {
  it('splits camel case and upper-cases the known acronyms', () => {
    expect(camelSplit('apiVersion')).toEqual(['api', 'Version']);
    expect(camelSplit('HTTPServer')).toEqual(['HTTP', 'Server']);
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('leaseDurationSeconds')).toBe('Lease Duration Seconds');
    expect(smartLabelFor('kubernetes.io/name')).toBe('kubernetes.io/name');
  });
});

describe('kubectl create generators', () => {
  it('create role resolves short names through discovery and groups rules by API group', async () => {
    const e = setup();
    const r = await run(e, 'create role r --verb=get,list --resource=po,deploy,pods/status --dry-run=client -o yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: r\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  - pods/status\n  verbs:\n  - get\n  - list\n- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n  - list\n',
    );
  });
  it('create role reports its validation errors as the real command does', async () => {
    const e = setup();
    expect((await run(e, 'create role r --resource=pods')).stderr).toBe('error: at least one verb must be specified\n');
    expect((await run(e, 'create role r --verb=get')).stderr).toBe('error: at least one resource must be specified\n');
    expect((await run(e, 'create role r --verb=use --resource=pods')).stderr).toBe("error: can not perform 'use' on 'pods' in group ''\n");
    const unknown = await run(e, 'create role r --verb=foo --resource=foo');
    expect(unknown.stderr).toBe('Warning: \'foo\' is not a standard resource verb\nthe server doesn\'t have a resource type "foo"\n');
    expect(unknown.code).toBe(1);
  });
  it('create role and rolebinding, then describe them', async () => {
    const e = setup();
    expect((await run(e, 'create role pod-reader --verb=get,list,watch --resource=pods')).stdout).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    const d = await run(e, 'describe role pod-reader');
    expect(d.stdout).toBe(
      'Name:         pod-reader\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n  Resources  Non-Resource URLs  Resource Names  Verbs\n  ---------  -----------------  --------------  -----\n  pods       []                 []              [get list watch]\n',
    );
    expect((await run(e, 'create rolebinding rb --user=bob')).stderr).toBe('error: exactly one of clusterrole or role must be specified\n');
    expect((await run(e, 'create rolebinding rb --role=pod-reader --serviceaccount=robot')).stderr).toBe('error: serviceaccount must be <namespace>:<name>\n');
    expect((await run(e, 'create rolebinding rb --role=pod-reader --user=bob')).stdout).toBe('rolebinding.rbac.authorization.k8s.io/rb created\n');
    expect((await run(e, 'describe rolebinding rb')).stdout).toBe(
      'Name:         rb\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  Role\n  Name:  pod-reader\nSubjects:\n  Kind  Name  Namespace\n  ----  ----  ---------\n  User  bob   \n',
    );
  });
  it('create quota prints canonical quantities; pdb and priorityclass keep Go field order in JSON', async () => {
    const e = setup();
    const q = await run(e, 'create quota q --hard=cpu=1000m,memory=1024Mi --dry-run=client -o json');
    expect(JSON.parse(q.stdout).spec.hard).toEqual({ cpu: '1', memory: '1Gi' });
    expect((await run(e, 'create quota q --hard=pods')).stderr).toBe('error: Invalid argument syntax pods, expected <resource>=<value>\n');
    const p = await run(e, "create pdb p --selector='app=x,!old' --min-available=50% --dry-run=client -o json");
    const pdb = JSON.parse(p.stdout);
    expect(Object.keys(pdb.spec)).toEqual(['minAvailable', 'selector']);
    expect(pdb.spec.selector).toEqual({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'old', operator: 'DoesNotExist' }] });
    expect(pdb.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    expect((await run(e, 'create pdb p --selector=a!=b --min-available=1')).stderr).toBe('error: "!=" is not a valid label selector operator\n');
    const pc = JSON.parse((await run(e, 'create priorityclass high --value=10 --dry-run=client -o json')).stdout);
    expect(Object.keys(pc)).toEqual(['kind', 'apiVersion', 'metadata', 'value', 'preemptionPolicy']);
  });
  it('the API server validates priority classes', async () => {
    const e = setup();
    expect((await run(e, 'create priorityclass system-mine --value=5')).stderr).toBe(
      'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-mine is not a known system priority class\n',
    );
    expect((await run(e, 'create pc huge --value=2000000000')).stderr).toContain('value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
    expect((await run(e, 'create pc ok --value=5')).stdout).toBe('priorityclass.scheduling.k8s.io/ok created\n');
  });
  it('create ingress turns rules into hosts, paths and TLS entries', async () => {
    const e = setup();
    const r = await run(e, 'create ingress ing --rule=foo.com/bar*=svc1:8080,tls=cert --rule=foo.com/baz=svc2:http --dry-run=client -o json');
    const spec = JSON.parse(r.stdout).spec;
    expect(spec.tls).toEqual([{ hosts: ['foo.com'], secretName: 'cert' }]);
    expect(spec.rules).toEqual([
      {
        host: 'foo.com',
        http: {
          paths: [
            { path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc1', port: { number: 8080 } } } },
            { path: '/baz', pathType: 'Exact', backend: { service: { name: 'svc2', port: { name: 'http' } } } },
          ],
        },
      },
    ]);
    expect((await run(e, 'create ingress ing --rule=nope')).stderr).toBe('error: rule nope is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n');
  });
  it('create token asks the serviceaccounts/token subresource and checks its flags first', async () => {
    const e = setup();
    expect((await run(e, 'create token nope')).stderr).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    expect((await run(e, 'create token default --duration=1.5s')).stderr).toBe('error: --duration cannot be expressed in units less than seconds\n');
    expect((await run(e, 'create token default --bound-object-kind=Deployment')).stderr).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    const t = await run(e, 'create token default');
    expect(t.code).toBe(0);
    expect(t.stdout.split('.')).toHaveLength(3);
  });
  it('create secret tls checks the PEM inputs like crypto/tls', async () => {
    const e = setup();
    e.fs.writeFile('/root/tls.crt', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    e.fs.writeFile('/root/tls.key', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect((await run(e, 'create secret tls t --cert=tls.crt')).stderr).toBe('error: key and cert must be specified\n');
    expect((await run(e, 'create secret tls t --cert=tls.key --key=tls.crt')).stderr).toBe(
      'error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n',
    );
    expect((await run(e, 'create secret tls t --cert=tls.crt --key=tls.crt')).stderr).toBe('error: tls: found a certificate rather than a key in the PEM for the private key\n');
    expect((await run(e, 'create secret tls t --cert=tls.crt --key=tls.key')).stdout).toBe('secret/t created\n');
  });
  it('run --expose creates the Service as well, printed first', async () => {
    const e = setup();
    const r = await run(e, 'run web2 --image=nginx --port=80 --expose');
    expect(r.stdout).toBe('service/web2 created\npod/web2 created\n');
    expect((await run(e, 'run web3 --image=nginx --expose')).stderr).toBe("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
  });
  it('create service externalname requires a DNS subdomain as the external name', async () => {
    const e = setup();
    expect((await run(e, 'create service externalname x')).stderr).toBe('error: required flag(s) "external-name" not set\n');
    expect((await run(e, 'create service externalname x --external-name=Bad_Name')).stderr).toBe('error: invalid service external name Bad_Name\n');
  });
  it('describes a pending claim: no volume, capacity or access modes yet, no users', async () => {
    const e = setup();
    await settle(e.clock, 60_000);
    e.fs.writeFile('/root/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: local-path\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    expect((await run(e, 'apply -f pvc.yaml')).code).toBe(0);
    const lines = (await run(e, 'describe pvc data --show-events=false')).stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['Name:          data', 'Namespace:     default', 'StorageClass:  local-path', 'Status:        Pending', 'Volume:        ']);
    expect(lines).toContain('Capacity:      ');
    expect(lines).toContain('Access Modes:  ');
    expect(lines).toContain('Used By:       <none>');
  });
});
