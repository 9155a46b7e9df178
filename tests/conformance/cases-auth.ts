/**
 * Conformance cases of RBAC: `kubectl auth can-i` and `auth whoami`, Forbidden errors of impersonated users and
 * and the bootstrap roles a fresh cluster lists. Names start with `auth` (filter: auth).
 */
import type { ConformanceCase } from './cases';

export const authCases: ConformanceCase[] = [];
const add = (name: string, ...steps: string[]) => authCases.push({ family: 'auth', name: `auth: ${name}`, steps });

const JANE_VIEW = '@kubectl create rolebinding jane-view --clusterrole=view --user=jane';

for (const args of [
  'list pods', 'create deployments -n kube-system', 'list nodes', 'get foos', 'get foos.example.com', 'get users', 'impersonate groups',
  'get /healthz', 'post /healthz', 'frob pods', "'*' '*'", 'list pods -A', 'get pods/web', 'get pods --subresource=log',
  'list deployments.apps', 'list clusterroles.rbac.authorization.k8s.io', 'get /logs --as=jane', 'list pods --as=jane',
  'list pods --as=jane -A', 'create selfsubjectaccessreviews.authorization.k8s.io --as=jane', 'get /version --as=jane',
  'get /api --as=jane', 'list pods --as=system:serviceaccount:kube-system:coredns -n kube-system',
  'list endpointslices.discovery.k8s.io --as=system:serviceaccount:kube-system:coredns',
  'list pods --as=jane --as-group=system:masters', 'list secrets --as=jane --as-group=devs',
]) add(`can-i ${args}`, `kubectl auth can-i ${args}`);

add('can-i errors', 'kubectl auth can-i', 'kubectl auth can-i get', 'kubectl auth can-i get pods extra', 'kubectl auth can-i --list pods', 'kubectl auth can-i --list -q',
  'kubectl auth can-i --list -A', 'kubectl auth can-i --list --subresource=log', 'kubectl auth can-i get pods --no-headers', 'kubectl auth can-i get /healthz --subresource=x');
add('impersonating groups without a user', 'kubectl get pods --as-group=devs', 'kubectl auth can-i list pods --as-group=devs', 'kubectl auth whoami --as-uid=123');
add('can-i -q', 'kubectl auth can-i -q list pods; echo $?', 'kubectl auth can-i -q list pods --as=jane; echo $?', 'kubectl auth can-i -q get foos; echo $?');
add('can-i after a view binding', JANE_VIEW, 'kubectl auth can-i list pods --as=jane', 'kubectl auth can-i delete pods --as=jane',
  'kubectl auth can-i list secrets --as=jane', 'kubectl auth can-i get pods --subresource=log --as=jane', 'kubectl auth can-i get pods/log --as=jane',
  'kubectl auth can-i list pods --as=jane -n kube-system', 'kubectl auth can-i list deployments.apps --as=jane', 'kubectl auth can-i watch statefulsets --as=jane');
add('can-i with resourceNames', '@kubectl create role cm-reader --verb=get --resource=configmaps --resource-name=app-config', '@kubectl create rolebinding cm --role=cm-reader --user=jane',
  'kubectl auth can-i get configmaps/app-config --as=jane', 'kubectl auth can-i get configmaps/other --as=jane', 'kubectl auth can-i get configmaps --as=jane', 'kubectl auth can-i list configmaps --as=jane');
add('can-i for a group and a service account', '@kubectl create clusterrolebinding devs-edit --clusterrole=edit --group=devs', '@kubectl create serviceaccount robot',
  '@kubectl create rolebinding robot-admin --clusterrole=admin --serviceaccount=default:robot',
  'kubectl auth can-i create deployments --as=jane --as-group=devs', 'kubectl auth can-i create deployments --as=jane', 'kubectl auth can-i create roles --as=system:serviceaccount:default:robot',
  'kubectl auth can-i create roles --as=system:serviceaccount:default:robot -n kube-system', 'kubectl auth can-i create pods --as=system:serviceaccount:default:robot');
add('can-i when a binding names a missing role', '@kubectl create rolebinding rb --role=nope --user=jane', '@kubectl create clusterrolebinding crb --clusterrole=gone --user=jane',
  'kubectl auth can-i list pods --as=jane', 'kubectl get pods --as=jane', 'kubectl auth can-i --list --as=jane');
add('can-i --list admin', 'kubectl auth can-i --list');
add('can-i --list in kube-system', 'kubectl auth can-i --list -n kube-system --no-headers');
add('can-i --list jane', 'kubectl auth can-i --list --as=jane');
add('can-i --list with view', JANE_VIEW, 'kubectl auth can-i --list --as=jane');
add('can-i --list with edit through a group', '@kubectl create clusterrolebinding devs-edit --clusterrole=edit --group=devs', JANE_VIEW, 'kubectl auth can-i --list --as=jane --as-group=devs');
add('can-i --list coredns', 'kubectl auth can-i --list --as=system:serviceaccount:kube-system:coredns -n kube-system');

add('whoami', 'kubectl auth whoami');
add('whoami -o yaml', 'kubectl auth whoami -o yaml');
add('whoami -o json', 'kubectl auth whoami -o json');
add('whoami impersonated', 'kubectl auth whoami --as=jane', 'kubectl auth whoami --as=jane --as-group=devs --as-group=ops', 'kubectl auth whoami --as=system:serviceaccount:default:default',
  'kubectl auth whoami --as=jane --as-group=system:authenticated -o yaml', 'kubectl auth whoami --as=system:anonymous');
add('whoami jsonpath', "kubectl auth whoami -o jsonpath='{.status.userInfo.username}'");

add('forbidden for an impersonated user', 'kubectl get pods --as=jane', 'kubectl get nodes --as=jane', 'kubectl get pod nope --as=jane', 'kubectl get deploy -n kube-system --as=jane',
  'kubectl create deployment web --image=nginx --as=jane', 'kubectl delete ns default --as=jane', 'kubectl get clusterroles --as=jane', 'kubectl logs nope --as=jane');
add('forbidden writes with view', JANE_VIEW, '@kubectl create deployment web --image=nginx:1.27', 'kubectl get deploy --as=jane', 'kubectl scale deploy web --replicas=2 --as=jane',
  'kubectl delete deploy web --as=jane', 'kubectl label deploy web a=b --as=jane', 'kubectl create configmap c --from-literal=a=b --as=jane', 'kubectl get secrets --as=jane');
// Service-account tokens are left to tests/sim/rbac: the real kubectl sends no bearer token over serve's plain http.

for (const args of ['get clusterroles', 'get clusterrolebindings', 'get clusterrole view -o yaml', 'get clusterrole admin -o yaml', 'get clusterrole edit -o json',
  'get clusterrole cluster-admin -o yaml', 'get clusterrolebinding cluster-admin -o yaml', 'get roles -A', 'get rolebindings -A', 'get rolebindings -n kube-system -o wide',
  'get clusterrolebindings -o wide', 'get clusterrole system:coredns -o yaml', 'get clusterrole system:aggregated-metrics-reader -o yaml', 'get clusterroles -l kubernetes.io/bootstrapping=rbac-defaults -o name'])
  add(args, `kubectl ${args}`);
add('describe clusterrole view', 'kubectl describe clusterrole view');
add('describe clusterrole admin', 'kubectl describe clusterrole admin');
add('describe bootstrap bindings', 'kubectl describe clusterrolebinding cluster-admin system:basic-user', 'kubectl describe rolebinding -n kube-system system::leader-locking-kube-scheduler', 'kubectl describe role -n kube-system extension-apiserver-authentication-reader');
add('aggregation picks up a labelled role', '@kubectl create clusterrole foo-reader --verb=get,list --resource=configmaps', '@kubectl label clusterrole foo-reader rbac.authorization.k8s.io/aggregate-to-view=true',
  'sleep 2', "kubectl get clusterrole view -o jsonpath='{.rules[-1:]}'", JANE_VIEW, 'kubectl auth can-i list configmaps --as=jane');
