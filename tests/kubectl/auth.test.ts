import { describe, expect, it } from 'vitest';
import { runOurs } from '../conformance/harness';

const run = async (...steps: string[]) => runOurs({ family: 'auth', name: 'test', steps }, 1);

describe('kubectl auth in a k3d world', () => {
  it('answers can-i with yes/no and the exit code, and prints Forbidden for an impersonated user', async () => {
    const [admin, jane, get, bind, janeAfter] = await run(
      'kubectl auth can-i delete nodes',
      'kubectl auth can-i list pods --as=jane',
      'kubectl get pods --as=jane',
      'kubectl create rolebinding jane-view --clusterrole=view --user=jane',
      'kubectl auth can-i list pods --as=jane',
    );
    expect(admin).toMatchObject({ stdout: 'yes\n', code: 0 });
    expect(admin.stderr).toBe("Warning: resource 'nodes' is not namespace scoped\n\n");
    expect(jane).toMatchObject({ stdout: 'no\n', code: 1 });
    expect(get.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
    expect(bind.code).toBe(0);
    expect(janeAfter).toMatchObject({ stdout: 'yes\n', code: 0 });
  });

  it('whoami shows a service account token holder, with the credential id', async () => {
    const [, who, pods] = await run('kubectl create serviceaccount robot', 'T=$(kubectl create token robot); kubectl --token=$T auth whoami', 'T=$(kubectl create token robot); kubectl --token=$T get pods');
    const lines = who.stdout.split('\n');
    expect(lines[0]).toMatch(/^ATTRIBUTE\s+VALUE$/);
    expect(lines[1]).toMatch(/^Username\s+system:serviceaccount:default:robot$/);
    expect(lines[3]).toMatch(/^Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]$/);
    expect(lines[4]).toMatch(/^Extra: authentication\.kubernetes\.io\/credential-id\s+\[JTI=[0-9a-f-]{36}\]$/);
    expect(pods.stderr).toContain('User "system:serviceaccount:default:robot" cannot list resource "pods"');
    expect(pods.code).toBe(1);
  });

  it('fills view, edit and admin from labelled roles (clusterrole aggregation)', async () => {
    const steps = await run(
      'kubectl create clusterrole widget-reader --verb=get,list --resource=configmaps',
      'kubectl create rolebinding jane-view --clusterrole=view --user=jane',
      'kubectl auth can-i create configmaps --as=jane',
      'kubectl label clusterrole widget-reader rbac.authorization.k8s.io/aggregate-to-view=true',
      'kubectl create clusterrole widget-writer --verb=create --resource=configmaps',
      'kubectl label clusterrole widget-writer rbac.authorization.k8s.io/aggregate-to-view=true',
      'sleep 2',
      'kubectl auth can-i create configmaps --as=jane',
      "kubectl get clusterrole admin -o jsonpath='{.rules}'",
    );
    expect(steps[2].stdout).toBe('no\n');
    expect(steps[6].stdout).toBe('yes\n');
    // view aggregates into edit, edit into admin
    expect(JSON.parse(steps[7].stdout)).toContainEqual({ apiGroups: [''], resources: ['configmaps'], verbs: ['create'] });
  });

  it('lists the rules of a user with can-i --list', async () => {
    const [list] = await run('kubectl auth can-i --list --as=jane');
    expect(list.stdout.split('\n')[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(list.stdout).toMatch(/\nselfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]\n/);
    expect(list.stdout).not.toContain('pods');
  });
});
