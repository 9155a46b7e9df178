/**
 * Conformance cases for `kubectl diff` (live against the server's dry run, run through GNU diff on both sides) and
 * `kubectl cp` (through exec and the container's tar). Collected by ./cases.ts. The temporary folder names and the
 * files' times in diff's headers are the only parts normalised (see ./normalize.ts).
 */
import type { ConformanceCase } from './cases';

const cases: ConformanceCase[] = [];
const add = (family: string, name: string, ...steps: string[]) => cases.push({ family, name, steps });

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dd
  labels:
    app: dd
spec:
  replicas: 2
  selector:
    matchLabels:
      app: dd
  template:
    metadata:
      labels:
        app: dd
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
const writeDeploy = `@cat > dd.yaml <<'EOF'\n${DEPLOY}EOF`;
const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: ds
data:
  a: MQ==
  b: Mw==
  c: NA==
`;

// ---- diff
add('diff', 'diff of an object not yet created', writeDeploy, 'kubectl diff -f dd.yaml');
add('diff', 'diff after apply: nothing', writeDeploy, '@kubectl apply -f dd.yaml', 'kubectl diff -f dd.yaml');
add('diff', 'diff of changed replicas and image', writeDeploy, '@kubectl apply -f dd.yaml', "@sed -i 's/replicas: 2/replicas: 3/; s/nginx:1.27/nginx:1.28/' dd.yaml", 'kubectl diff -f dd.yaml');
add('diff', 'diff with managed fields', writeDeploy, '@kubectl apply -f dd.yaml', "@sed -i 's/replicas: 2/replicas: 3/' dd.yaml", 'kubectl diff --show-managed-fields -f dd.yaml', 'kubectl diff --field-manager=me --server-side --show-managed-fields -f dd.yaml');
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
    singular: widget
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`;
const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: dw
spec:
  size: 1
  tags:
  - a
  - b
`;
add('diff', 'diff of a custom resource', `@cat > crd.yaml <<'EOF'\n${CRD}EOF`, `@cat > w.yaml <<'EOF'\n${WIDGET}EOF`, '@kubectl apply -f crd.yaml', 'sleep 2', '@kubectl apply -f w.yaml', "@sed -i 's/size: 1/size: 2/; s/- b/- c/' w.yaml", 'kubectl diff -f w.yaml');
add('diff', 'diff from stdin', writeDeploy, '@kubectl apply -f dd.yaml', "sed 's/replicas: 2/replicas: 5/' dd.yaml | kubectl diff -f -");
add('diff', 'diff of an object created without apply', '@kubectl create deployment dd --image=nginx:1.27', 'sleep 5', writeDeploy, 'kubectl diff -f dd.yaml');
add('diff', 'diff masks secret data', '@kubectl create secret generic ds --from-literal=a=1 --from-literal=b=2', `@cat > ds.yaml <<'EOF'\n${SECRET}EOF`, 'kubectl diff -f ds.yaml');
add('diff', 'diff server-side', writeDeploy, '@kubectl apply --server-side -f dd.yaml', 'kubectl diff --server-side -f dd.yaml', "@sed -i 's/replicas: 2/replicas: 4/' dd.yaml", 'kubectl diff --server-side -f dd.yaml');
add('diff', 'diff with an external program', writeDeploy, 'KUBECTL_EXTERNAL_DIFF="echo -x --y=1 a.b" kubectl diff -f dd.yaml', 'KUBECTL_EXTERNAL_DIFF=false kubectl diff -f dd.yaml; echo "status $?"');
add('diff', 'diff in colour through KUBECTL_EXTERNAL_DIFF', writeDeploy, '@kubectl apply -f dd.yaml', "@sed -i 's/replicas: 2/replicas: 3/' dd.yaml", 'KUBECTL_EXTERNAL_DIFF="diff --color=always -u -N" kubectl diff -f dd.yaml', 'KUBECTL_EXTERNAL_DIFF="diff -r" kubectl diff -f dd.yaml');
add('diff', 'diff of a folder of manifests', '@mkdir m', `@cat > m/dd.yaml <<'EOF'\n${DEPLOY}EOF`, "@kubectl create configmap cm --from-literal=k=v --dry-run=client -o yaml > m/cm.yaml", 'kubectl diff -f m');
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: dp
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
`;
add('diff', 'diff of a pod: a mutable and an immutable change', `@cat > dp.yaml <<'EOF'\n${POD}EOF`, '@kubectl apply -f dp.yaml', 'sleep 10', "@sed -i 's/busybox:1.36/busybox:1.37/' dp.yaml", 'kubectl diff -f dp.yaml', "@sed -i 's/3600/7200/' dp.yaml", 'kubectl diff -f dp.yaml');
add('diff', 'diff of a namespace and a selector', '@kubectl create namespace dn', "@kubectl create namespace dn --dry-run=client -o yaml | sed 's/^metadata:/metadata:\\n  labels:\\n    team: a/' > dn.yaml", 'cat dn.yaml', 'kubectl diff -f dn.yaml', 'kubectl diff -f dn.yaml -l team=b; echo "status $?"');
add('diff', 'diff errors', 'kubectl diff', 'kubectl diff --bogus', 'kubectl diff x -f y', 'kubectl diff -f nope.yaml', writeDeploy, 'kubectl diff --force-conflicts -f dd.yaml', 'KUBECTL_EXTERNAL_DIFF=nonexistent-diff kubectl diff -f dd.yaml');

// the diff program kubectl runs: the learner's shell's against GNU diff on the real side
add('diff', 'diff program formats', "@printf 'a\\nb\\nc\\nd\\n' > f1", "@printf 'a\\nc\\nd\\ne\\nf' > f2", 'diff f1 f2; echo "status $?"', 'diff -u f1 f2', 'diff -U 0 f1 f2', 'diff f1 f1; echo "status $?"', 'diff f1 nope; echo "status $?"', 'diff -N f1 nope');

// ---- cp
const PODS = ['@kubectl run web --image=nginx:1.27', '@kubectl run bb --image=busybox:1.36 -- sleep 3600', 'sleep 30'];
add('cp', 'cp a file into a pod folder and back', ...PODS, '@echo hello > h.txt', 'kubectl cp h.txt web:/tmp', 'kubectl exec web -- cat /tmp/h.txt', 'kubectl cp web:/tmp/h.txt back.txt', 'cat back.txt');
add('cp', 'cp to a named file with --no-preserve', ...PODS, '@echo hello > h.txt', 'kubectl cp --no-preserve h.txt default/web:/tmp/other.txt', 'kubectl exec web -- ls /tmp');
add('cp', 'cp a folder both ways', ...PODS, '@mkdir -p d/sub && echo 1 > d/a && echo 2 > d/sub/b', 'kubectl cp d web:/tmp/d', 'kubectl exec web -- cat /tmp/d/a /tmp/d/sub/b', 'kubectl cp web:/tmp/d back', 'cat back/a back/sub/b');
add('cp', 'cp from a pod: the leading slash', ...PODS, 'kubectl cp web:/etc/hostname hn', 'cat hn', 'kubectl cp bb:/etc/hostname hb', 'cat hb', 'kubectl cp --retries=2 web:/etc/hostname hr', 'cat hr');
// tar's last line and its status race with kubectl's exit (kubernetes/kubectl#980): compare what is certain
add('cp', 'cp a missing file out of a pod', ...PODS, 'kubectl cp web:/nope x | head -n 2', 'kubectl cp web:/nope x > /dev/null; echo "status $?"', 'ls x');
add('cp', 'cp into a missing folder', ...PODS, '@echo x > x.txt', 'kubectl cp x.txt web:/nodir/x', 'kubectl cp x.txt bb:/nodir/x');
const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: main
    image: nginx:1.27
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
`;
add('cp', 'cp with two containers', `@cat > two.yaml <<'EOF'\n${TWO}EOF`, '@kubectl apply -f two.yaml', 'sleep 30', '@echo x > x.txt', 'kubectl cp x.txt two:/tmp', 'kubectl cp -c side x.txt two:/tmp/y.txt', 'kubectl exec two -c side -- cat /tmp/y.txt', 'kubectl cp two:/etc/hostname hn', 'kubectl cp -c nope x.txt two:/tmp');
add('cp', 'cp errors', ...PODS, '@echo x > x.txt', 'kubectl cp', 'kubectl cp nope web:/tmp', 'kubectl cp a:b c:d', 'kubectl cp a b', 'kubectl cp x.txt a/b/c:/tmp', 'kubectl cp x.txt web:', 'kubectl cp x.txt ghost:/tmp');
add('cp', 'cp into an image without tar', '@kubectl run pa --image=registry.k8s.io/pause:3.9', 'sleep 20', '@echo x > x.txt', 'kubectl cp x.txt pa:/tmp');

export default cases;
