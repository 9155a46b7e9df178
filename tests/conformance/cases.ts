/**
 * Conformance cases: short scripts run twice from the same seeded start — through our kubectl inside the simulator,
 * and through the real kubectl against `kubelab serve` — and compared byte for byte (stdout, stderr, exit code).
 *
 * A step is a shell line. `sleep N` advances virtual time on both sides. A step starting with `@` runs on both sides
 * but its output is not compared (setup). Each step also takes one virtual second, as in `kubelab run`.
 */
export interface ConformanceCase {
  family: string;
  name: string;
  steps: string[];
}

import quotaHpaCases from './cases-quota-hpa';
import diffCpCases from './cases-diff-cp';

const cases: ConformanceCase[] = [];
const add = (family: string, name: string, ...steps: string[]) => cases.push({ family, name, steps });

// A workload most cases reuse: three nginx replicas behind a ClusterIP Service, settled.
const WEB = [
  '@kubectl create deployment web --image=nginx:1.27 --replicas=3',
  '@kubectl expose deployment web --port=80',
  'sleep 60',
];
const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    app: app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: web
        image: nginx:1.26
        ports:
        - containerPort: 80
`;
const writeApp = (yaml = WEB_YAML) => `@cat > app.yaml <<'EOF'\n${yaml}EOF`;

// ---- get: built-in objects of a fresh k3d cluster
for (const args of [
  'get nodes', 'get nodes -o wide', 'get no', 'get nodes --show-labels', 'get nodes -L kubernetes.io/hostname',
  'get nodes --no-headers', 'get nodes -o name', 'get ns', 'get namespaces -o name', 'get namespace default',
  'get pods', 'get pods -A', 'get pods -A -o wide', 'get pods -n kube-system', 'get po -n kube-system --show-labels',
  'get pods -n kube-system -o name', 'get pods -n kube-system --no-headers', 'get pods -A --sort-by=.metadata.name',
  'get pods -n kube-system -l k8s-app=kube-dns', 'get pods -n kube-system -l \'k8s-app in (kube-dns,metrics-server)\'',
  'get pods -n kube-system --field-selector=status.phase=Succeeded', 'get pods -A --field-selector=status.phase!=Running',
  'get svc', 'get svc -A', 'get services -A -o wide', 'get svc -n kube-system kube-dns', 'get deploy -n kube-system',
  'get deployments.apps -n kube-system -o wide', 'get rs -n kube-system', 'get replicasets -n kube-system -o wide',
  'get ds -A', 'get daemonsets -A -o wide', 'get jobs -A', 'get jobs -n kube-system -o wide', 'get cm -A',
  'get configmaps -n kube-system', 'get sa -A', 'get serviceaccounts', 'get ep -A', 'get endpoints -n kube-system',
  'get endpointslices -A', 'get leases -A', 'get secrets -A', 'get all -n kube-system', 'get all', 'get all -A',
  'get deploy,svc -n kube-system', 'get svc,ep -n kube-system', 'get pods,svc -n kube-system -o name',
  'get priorityclasses', 'get storageclasses', 'get apiservices', 'get crd', 'get ingressclasses', 'get cronjobs -A',
  'get statefulsets -A', 'get pvc -A', 'get pv', 'get roles -A', 'get clusterroles system:node',
  'get nodes k3d-mini-cluster-server-0', 'get node k3d-mini-cluster-agent-0 -o wide',
]) add('get', `kubectl ${args}`, `kubectl ${args}`);

// ---- get: output formats over a known object
for (const o of [
  '-o yaml', '-o json', '-o name', '-o wide', "-o jsonpath='{.metadata.name}'", "-o jsonpath='{.spec.replicas}'",
  "-o jsonpath='{.spec.template.spec.containers[*].image}'", "-o jsonpath='{.metadata.labels}'",
  "-o jsonpath='{range .spec.template.spec.containers[*]}{.name}{\"\\n\"}{end}'", '-o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas',
  '-o custom-columns=NAME:.metadata.name,MISSING:.spec.nothing', "-o jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'",
  "-o jsonpath='{..image}'", '-o jsonpath={.kind}', '-o yml',
]) add('output', `get deploy web ${o}`, ...WEB, `kubectl get deploy web ${o}`);
for (const o of ['-o yaml', '-o json', "-o jsonpath='{.items[*].metadata.name}'", '-o name', "-o jsonpath='{.items[0].kind}'", "-o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP"])
  add('output', `get svc ${o}`, ...WEB, `kubectl get svc ${o}`);
for (const o of ['-o yaml', '-o json', "-o jsonpath='{.spec.nodeName}'"])
  add('output', `get coredns pod ${o}`, `kubectl get pods -n kube-system -l k8s-app=kube-dns ${o}`);
add('output', 'get ns default -o yaml', 'kubectl get ns default -o yaml');
add('output', 'get node -o json', 'kubectl get node k3d-mini-cluster-agent-1 -o json');
add('output', 'get cm -o yaml', 'kubectl get cm -n kube-system coredns -o yaml');
add('output', 'get svc kubernetes -o yaml', 'kubectl get svc kubernetes -o yaml');
add('output', 'get sa default -o yaml', 'kubectl get sa default -o yaml');
add('output', 'jsonpath filter', "kubectl get pods -A -o jsonpath='{.items[?(@.status.phase==\"Succeeded\")].metadata.name}'");
add('output', 'jsonpath parse error', "kubectl get pods -o jsonpath='{.metadata.name'");
add('output', 'custom-columns bad spec', 'kubectl get pods -o custom-columns=NAME');

// ---- get on the workload
for (const args of [
  'get pods', 'get pods -o wide', 'get pods -l app=web', 'get pods -l app=web --show-labels', 'get deploy', 'get deploy -o wide',
  'get rs', 'get rs -o wide', 'get svc web', 'get svc web -o wide', 'get ep web', 'get endpoints', 'get all', 'get all -o wide',
  'get pods --sort-by=.metadata.creationTimestamp', 'get deploy web', 'get deploy,rs,svc', 'get events --field-selector type=Warning',
  'get pods -L app', 'get endpointslices -l kubernetes.io/service-name=web',
]) add('get', `workload: kubectl ${args}`, ...WEB, `kubectl ${args}`);

// ---- describe
for (const args of [
  'describe ns default', 'describe namespace kube-system',
  'describe svc kubernetes', 'describe svc -n kube-system kube-dns', 'describe svc -n kube-system traefik', 'describe deploy -n kube-system coredns',
  'describe deployment -n kube-system metrics-server', 'describe rs -n kube-system', 'describe ds -n kube-system',
  'describe job -n kube-system helm-install-traefik', 'describe cm kube-root-ca.crt', 'describe sa default',
  'describe endpoints -n kube-system kube-dns', 'describe pods -n kube-system -l k8s-app=kube-dns', 'describe secret -n kube-system',
  'describe lease -n kube-node-lease k3d-mini-cluster-agent-0', 'describe priorityclass system-node-critical', 'describe storageclass local-path',
]) add('describe', `kubectl ${args}`, `kubectl ${args}`);
// describe node prints each pod's age from kubectl's own wall clock (describe.go translateTimestampSince), which the
// real side cannot share with virtual time and the normalisation does not cover: the last cell of the
// Non-terminated Pods rows (after the memory limits' "(N%)") is masked on both sides.
for (const node of ['k3d-mini-cluster-server-0', 'k3d-mini-cluster-agent-2'])
  add('describe', `kubectl describe node ${node} (pod ages masked)`, `kubectl describe node ${node} | sed -E 's/(%\\)) +[0-9][0-9smhdy]*$/\\1   <age>/'`);
for (const args of ['describe deploy web', 'describe svc web', 'describe rs', 'describe pods', 'describe endpoints web', 'describe pods -l app=web'])
  add('describe', `workload: kubectl ${args}`, ...WEB, `kubectl ${args}`);
add('describe', 'describe pod with a bad image', '@kubectl run bad --image=nginx:doesnotexist', 'sleep 45', 'kubectl describe pod bad');
add('describe', 'describe pending pod', '@kubectl run big --image=nginx --requests=cpu=64', 'sleep 5', 'kubectl describe pod big');
// One key only: the real kubectl prints a ConfigMap's data in Go map order, which is random.
add('describe', 'describe configmap', '@kubectl create configmap cfg --from-literal=greeting=hello', 'kubectl describe cm cfg');
add('describe', 'describe secret', '@kubectl create secret generic s --from-literal=password=hunter2', 'kubectl describe secret s');
add('describe', 'describe job', '@kubectl create job hello --image=busybox -- echo hello', 'sleep 30', 'kubectl describe job hello');
add('describe', 'describe cronjob', "@kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date", 'kubectl describe cronjob tick');
add('describe', 'describe prefix match', ...WEB, 'kubectl describe pod web');
add('describe', 'describe not found', 'kubectl describe pod nope');
add('describe', 'describe unknown type', 'kubectl describe foo bar');

// ---- create and its messages
for (const args of [
  'create deployment d1 --image=nginx', 'create deployment d2 --image=nginx:1.27 --replicas=2 --port=80', 'create deploy d3 --image=busybox -- sleep 3600',
  'create namespace team-a', 'create ns team-b', 'create configmap c1 --from-literal=k=v', 'create cm c2 --from-literal=a=1 --from-literal=b=2',
  'create secret generic s1 --from-literal=user=admin', 'create secret generic s2 --from-literal=a=b --type=kubernetes.io/basic-auth',
  'create service clusterip s3 --tcp=80:8080', 'create service nodeport s4 --tcp=80:80', 'create service loadbalancer s5 --tcp=443:8443',
  'create svc clusterip s6 --clusterip=None', 'create job j1 --image=busybox -- echo hi', "create cronjob cj1 --image=busybox --schedule='0 * * * *' -- date",
  'create serviceaccount sa1', 'create sa sa2', 'create deployment d4 --image=nginx -o name', 'create deployment d5 --image=nginx -o yaml --dry-run=server',
  'create deployment d6 --image=nginx --dry-run=client', 'create deployment d7 --image=nginx --dry-run=server',
  'create priorityclass high --value=1000', 'create role r1 --verb=get --resource=pods', 'create rolebinding rb1 --role=r1 --user=bob',
  'create quota q1 --hard=pods=10', 'create pdb p1 --selector=app=x --min-available=1',
]) add('create', `kubectl ${args}`, `kubectl ${args}`);
for (const args of [
  'create deployment Bad --image=nginx', 'create deployment d --image=', 'create deployment', 'create deployment x', 'create namespace default',
  'create configmap c --from-literal=novalue', 'create service clusterip x', 'create job', 'create cronjob c --image=busybox', 'create foo bar',
  "create cronjob c --image=busybox --schedule='bad schedule'", 'create deployment d --image=nginx --replicas=-1', 'create secret generic',
]) add('errors', `kubectl ${args}`, `kubectl ${args}`);
add('create', 'create twice', '@kubectl create deployment web --image=nginx', 'kubectl create deployment web --image=nginx');
add('create', 'create -f', writeApp(), 'kubectl create -f app.yaml', 'kubectl create -f app.yaml');

// ---- dry-run client output (no server involvement beyond discovery)
for (const args of [
  'create deployment web --image=nginx', 'create deployment web --image=nginx:1.27 --replicas=3 --port=8080', 'create deployment web --image=busybox -- sleep 10',
  'create service clusterip web --tcp=80:8080', 'create service nodeport web --tcp=80:80 --node-port=30080', 'create service loadbalancer web --tcp=80:80',
  'create configmap cfg --from-literal=a=1', 'create secret generic s --from-literal=a=b', 'create namespace dev', 'create job j --image=busybox -- echo hi',
  "create cronjob c --image=busybox --schedule='*/1 * * * *' -- date", 'run web --image=nginx', 'run web --image=nginx --port=80 --labels=app=web,tier=fe',
  'run bb --image=busybox --restart=Never -- sleep 3600', 'run bb --image=busybox --command -- sh -c "echo hi"', 'run web --image=nginx --env=A=1 --env=B=2',
  'create serviceaccount robot', 'create role r --verb=get --resource=pods',
]) {
  add('dry-run', `kubectl ${args} --dry-run=client -o yaml`, `kubectl ${args} --dry-run=client -o yaml`);
  add('dry-run', `kubectl ${args} --dry-run=client -o json`, `kubectl ${args} --dry-run=client -o json`);
}
add('dry-run', 'expose -f --dry-run', writeApp(), 'kubectl expose -f app.yaml --port=80 --dry-run=client -o yaml');

// ---- run and expose
for (const args of ['run web --image=nginx', 'run bb --image=busybox --restart=Never -- sleep 10', 'run web2 --image=nginx --port=80 --expose', 'run x --image=nginx --labels=a=b'])
  add('run', `kubectl ${args}`, `kubectl ${args}`);
for (const args of ['expose deployment web --port=8080 --target-port=80 --name=web2', 'expose deploy web --type=NodePort --port=80 --name=web-np', 'expose deploy web --port=80', 'expose deploy nope --port=80', 'expose deploy web'])
  add('expose', `kubectl ${args}`, ...WEB, `kubectl ${args}`);

// ---- create generators (rbac, quota, pdb, priorityclass, ingress, token, secrets) and the describers they lead to
const PEM = (type: string) => `'-----BEGIN ${type}-----' AAAA '-----END ${type}-----'`;
for (const [name, ...steps] of [
  ['create-role: short names, groups, subresources', 'kubectl create role r --verb=get,list --verb=watch --resource=po,deploy,rs.apps,pods/status --resource-name=a --dry-run=client -o json'],
  ['create-role: no verb', 'kubectl create role r --resource=pods'],
  ['create-role: no resource', 'kubectl create role r --verb=get'],
  ['create-role: special verb', 'kubectl create role r --verb=use --resource=pods'],
  ['create-role: unknown resource', 'kubectl create role r --verb=foo --resource=foo'],
  ['create-role: unknown group', 'kubectl create role r --verb=get --resource=pods.nope'],
  ['create-role: created and described', 'kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log,deployments', 'kubectl describe role pod-reader', 'kubectl create role pod-reader --verb=get --resource=pods'],
  ['create-clusterrole: non-resource URLs', 'kubectl create clusterrole cr --verb=get --non-resource-url=/logs,/healthz --resource=nodes --dry-run=client -o yaml'],
  ['create-clusterrole: aggregation rule', 'kubectl create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true --dry-run=client -o json'],
  ['create-clusterrole: errors', 'kubectl create clusterrole cr --verb=get', 'kubectl create clusterrole cr --verb=list --non-resource-url=/x', 'kubectl create clusterrole cr --verb=get --non-resource-url=x', 'kubectl create clusterrole cr --aggregation-rule=a=b --verb=get'],
  ['create-rolebinding: subjects', 'kubectl create rolebinding rb --role=r --user=u1 --user=u2 --group=g --serviceaccount=default:sa --dry-run=client -o json'],
  ['create-rolebinding: exactly one role', 'kubectl create rolebinding rb --user=bob', 'kubectl create rolebinding rb --role=a --clusterrole=b'],
  ['create-rolebinding: bad service account', 'kubectl create rolebinding rb --role=a --serviceaccount=robot'],
  ['create-clusterrolebinding: created and described', 'kubectl create clusterrolebinding crb --clusterrole=view --user=x --group=devs', 'kubectl describe clusterrolebinding crb', 'kubectl create clusterrolebinding crb --clusterrole=view'],
  ['create-clusterrolebinding: required flag', 'kubectl create clusterrolebinding crb --user=x'],
  ['create-quota: canonical quantities', 'kubectl create quota q --hard=pods=10,cpu=1000m,memory=1024Mi,requests.storage=0.5 --scopes=BestEffort --dry-run=client -o json'],
  ['create-quota: errors', 'kubectl create quota q --hard=pods', 'kubectl create quota q --hard=pods=lots', 'kubectl create quota q --scopes=a,,b'],
  ['create-quota: created and described', 'kubectl create quota q --hard=pods=10,services=5', 'sleep 5', 'kubectl describe quota q'],
  ['create-pdb: selector expressions', "kubectl create pdb p --selector='app=x,tier in (b,a),!old,env' --min-available=50% --dry-run=client -o json"],
  ['create-pdb: errors', 'kubectl create pdb p --min-available=1', 'kubectl create pdb p --selector=a=b', 'kubectl create pdb p --selector=a=b --min-available=1 --max-unavailable=1', 'kubectl create pdb p --selector=a=b --max-unavailable=one', 'kubectl create pdb p --selector=a!=b --min-available=1'],
  ['create-pdb: created and described', ...WEB, 'kubectl create poddisruptionbudget web --selector=app=web --max-unavailable=1', 'sleep 5', 'kubectl describe pdb web'],
  ['create-priorityclass: fields', 'kubectl create priorityclass high --value=10 --global-default --description="for important pods" --preemption-policy=Never --dry-run=client -o json'],
  ['create-priorityclass: server validation', 'kubectl create priorityclass system-mine --value=5', 'kubectl create pc huge --value=2000000000', 'kubectl create pc odd --preemption-policy=Sometimes'],
  ['create-priorityclass: created and described', 'kubectl create pc batch --value=100 --description=batch', 'kubectl describe priorityclass batch'],
  ['create-ingress: rules and tls', 'kubectl create ingress ing --rule="foo.com/bar*=svc1:8080,tls=my-cert" --rule="foo.com/baz=svc2:http" --rule="/x=svc3:80,tls" --class=traefik --annotation=a=b --default-backend=def:80 --dry-run=client -o json'],
  ['create-ingress: errors', 'kubectl create ingress ing', 'kubectl create ingress ing --rule=nope', 'kubectl create ingress ing --default-backend=web', 'kubectl create ingress ing --rule=/x=s:1 --annotation=novalue'],
  ['create-ingress: created and described', ...WEB, 'kubectl create ingress web --rule="web.local/*=web:80" --rule="/api=api:http"', 'kubectl describe ingress web'],
  ['create-token: errors', 'kubectl create token nope', 'kubectl create token default --duration=1.5s', 'kubectl create token default --bound-object-name=x', 'kubectl create token default --bound-object-kind=Deployment', 'kubectl create token default --bound-object-kind=Pod'],
  ['create-token: request fields', 'kubectl create token default --duration=10m --audience=api -o jsonpath={.spec}'],
  ['create-secret tls: errors', `@printf '%s\\n' ${PEM('CERTIFICATE')} > tls.crt`, `@printf '%s\\n' ${PEM('PRIVATE KEY')} > tls.key`, 'kubectl create secret tls t --cert=tls.crt', 'kubectl create secret tls t --cert=nope.crt --key=tls.key', 'kubectl create secret tls t --cert=tls.key --key=tls.crt', 'kubectl create secret tls t --cert=tls.crt --key=tls.crt'],
  ['create-secret docker-registry: dry run and error', 'kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@example.com --dry-run=client -o yaml', 'kubectl create secret docker-registry reg'],
  ['create-run --expose -o yaml', 'kubectl run web3 --image=nginx --port=80 --expose --dry-run=client -o yaml'],
  ['create-run --expose without --port', 'kubectl run web3 --image=nginx --expose'],
  ['describe-serviceaccount created', '@kubectl create sa robot', 'kubectl describe sa robot'],
  ['describe-clusterrole view', 'kubectl describe clusterrole view'],
  ['describe-ingressclass', 'kubectl describe ingressclass'],
  ['describe-generic lease in kube-system', 'kubectl describe lease -n kube-system'],
  ['create-service externalname: errors', 'kubectl create service externalname x', 'kubectl create service externalname x --external-name=Bad_Name'],
  ['describe-pvc and pv of a local-path claim', `@cat > pvc.yaml <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: user\nspec:\n  containers:\n  - name: c\n    image: nginx\n    volumeMounts:\n    - name: d\n      mountPath: /data\n  volumes:\n  - name: d\n    persistentVolumeClaim:\n      claimName: data\nEOF`, 'kubectl describe pvc data', '@kubectl apply -f pvc.yaml', 'sleep 40', 'kubectl describe pvc data', 'kubectl describe pv'],
  ['describe-hpa with metrics and behavior', '@kubectl create deployment hp --image=nginx', `@cat > hpa.yaml <<'EOF'\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: hp\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: hp\n  minReplicas: 1\n  maxReplicas: 4\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 50\n  - type: Resource\n    resource:\n      name: memory\n      target:\n        type: AverageValue\n        averageValue: 100Mi\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 60\n      policies:\n      - type: Pods\n        value: 1\n        periodSeconds: 30\nEOF`, '@kubectl apply -f hpa.yaml', 'sleep 40', 'kubectl describe hpa hp'],
  ['describe-namespace with quotas and a limit range', '@kubectl create ns lrt', `@cat > lr.yaml <<'EOF'\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lim\n  namespace: lrt\nspec:\n  limits:\n  - type: Container\n    default:\n      cpu: 500m\n    defaultRequest:\n      cpu: 250m\n    max:\n      cpu: "1"\nEOF`, '@kubectl apply -f lr.yaml', '@kubectl create quota q2 -n lrt --hard=pods=5 --scopes=NotBestEffort', '@kubectl create quota q1 -n lrt --hard=services=3,pods=2', 'sleep 5', 'kubectl describe ns lrt', 'kubectl describe limitrange -n lrt', 'kubectl describe quota -n lrt'],
] as string[][])
  add(name.startsWith('describe-') ? 'describe' : 'create', name, ...steps);

// ---- apply
add('apply', 'apply create', writeApp(), 'kubectl apply -f app.yaml');
add('apply', 'apply unchanged', writeApp(), '@kubectl apply -f app.yaml', 'kubectl apply -f app.yaml');
add('apply', 'apply configure replicas', writeApp(), '@kubectl apply -f app.yaml', writeApp(WEB_YAML.replace('replicas: 2', 'replicas: 4')), 'kubectl apply -f app.yaml', 'kubectl get deploy app -o jsonpath={.spec.replicas}');
add('apply', 'apply configure image', writeApp(), '@kubectl apply -f app.yaml', writeApp(WEB_YAML.replace('nginx:1.26', 'nginx:1.27')), 'kubectl apply -f app.yaml', 'kubectl get deploy app -o jsonpath={.spec.template.spec.containers[0].image}');
add('apply', 'apply removes a dropped field', writeApp(WEB_YAML.replace('    app: app\nspec:', '    app: app\n    tier: web\nspec:')), '@kubectl apply -f app.yaml', writeApp(), 'kubectl apply -f app.yaml', 'kubectl get deploy app --show-labels');
add('apply', 'apply keeps fields set by others', writeApp(), '@kubectl apply -f app.yaml', '@kubectl scale deploy app --replicas=5', writeApp(WEB_YAML.replace('nginx:1.26', 'nginx:1.25').replace('  replicas: 2\n', '')), 'kubectl apply -f app.yaml', 'kubectl get deploy app -o jsonpath={.spec.replicas}');
add('apply', 'apply -o name', writeApp(), 'kubectl apply -f app.yaml -o name');
add('apply', 'apply -o yaml dry-run server', writeApp(), 'kubectl apply -f app.yaml --dry-run=server -o yaml');
add('apply', 'apply dry-run client', writeApp(), 'kubectl apply -f app.yaml --dry-run=client');
add('apply', 'apply from stdin', `cat <<'EOF' | kubectl apply -f -\n${WEB_YAML}EOF`);
add('apply', 'apply multi-document', `@cat > multi.yaml <<'EOF'\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: fast\nEOF`, 'kubectl apply -f multi.yaml', 'kubectl apply -f multi.yaml');
add('apply', 'apply directory', '@mkdir -p dir', `@cat > dir/a.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\nEOF`, `@cat > dir/b.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  y: "2"\nEOF`, 'kubectl apply -f dir');
add('apply', 'apply server-side', writeApp(), 'kubectl apply --server-side -f app.yaml', 'kubectl apply --server-side -f app.yaml');
add('apply', 'apply service', `@cat > svc.yaml <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: app\n  ports:\n  - port: 80\n    targetPort: 80\nEOF`, 'kubectl apply -f svc.yaml', 'kubectl apply -f svc.yaml');
add('errors', 'apply unknown field', writeApp(WEB_YAML.replace('  replicas: 2', '  replicas: 2\n  foo: bar')), 'kubectl apply -f app.yaml');
add('errors', 'apply invalid name', writeApp(WEB_YAML.replace('name: app\n', 'name: App_1\n')), 'kubectl apply -f app.yaml');
add('errors', 'apply selector mismatch', writeApp(WEB_YAML.replace('      labels:\n        app: app', '      labels:\n        app: other')), 'kubectl apply -f app.yaml');
add('errors', 'apply malformed yaml', '@printf "apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: [x\\n" > bad.yaml', 'kubectl apply -f bad.yaml');
add('errors', 'apply missing file', 'kubectl apply -f nothere.yaml');
add('errors', 'apply missing kind', "@printf 'apiVersion: v1\\nmetadata:\\n  name: x\\n' > nokind.yaml", 'kubectl apply -f nokind.yaml');
add('errors', 'apply unknown kind', "@printf 'apiVersion: v1\\nkind: Widget\\nmetadata:\\n  name: x\\n' > w.yaml", 'kubectl apply -f w.yaml');
add('errors', 'apply pod without containers', "@printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: x\\nspec: {}\\n' > p.yaml", 'kubectl apply -f p.yaml');
add('errors', 'apply immutable selector', writeApp(), '@kubectl apply -f app.yaml', writeApp(WEB_YAML.replace(/app: app/g, 'app: app2').replace('name: app\n', 'name: app\n')), 'kubectl apply -f app.yaml');
add('errors', 'apply no -f', 'kubectl apply');

// ---- delete
// Pod deletions use --wait=false: kubectl would wait for the kubelet to finish the graceful termination, and the real
// side never advances virtual time while kubectl runs (harness.ts), so it would hang until the step times out.
for (const [setup, args] of [
  [WEB, 'delete deploy web'], [WEB, 'delete svc web'], [WEB, 'delete pods -l app=web --wait=false'], [WEB, 'delete deploy,svc web'],
  [WEB, 'delete deploy web --cascade=orphan'], [WEB, 'delete pod --all --wait=false'], [WEB, 'delete deploy web --dry-run=client'],
  [WEB, 'delete deploy web --dry-run=server'], [WEB, 'delete deploy web -o name'], [[], 'delete pod nope'], [[], 'delete ns nope'],
  [[], 'delete deploy'], [['@kubectl create ns tmp'], 'delete ns tmp'], [['@kubectl run p --image=nginx', 'sleep 20'], 'delete pod p --grace-period=0 --force'],
  [['@kubectl create cm a --from-literal=x=1', '@kubectl create cm b --from-literal=x=1'], 'delete cm a b'],
  [['@kubectl create cm a --from-literal=x=1'], 'delete configmap/a'],
] as [string[], string][]) add('delete', `kubectl ${args}`, ...setup, `kubectl ${args}`);
add('delete', 'delete -f', writeApp(), '@kubectl apply -f app.yaml', 'kubectl delete -f app.yaml', 'kubectl delete -f app.yaml');

// ---- scale, set, label, annotate, patch, replace
for (const args of [
  'scale deploy web --replicas=5', 'scale deployment/web --replicas=1', 'scale deploy web --replicas=-1', 'scale deploy nope --replicas=2',
  'scale rs --all --replicas=2', 'scale deploy web', 'scale deploy web --replicas=3 --current-replicas=2',
  'set image deploy/web nginx=nginx:1.26', 'set image deployment web nginx=nginx:1.26 --record', 'set image deploy/web nope=nginx',
  'set image deploy/web *=httpd', 'set env deploy/web MODE=fast', 'set env deploy/web --list', 'set resources deploy web --limits=cpu=200m,memory=128Mi',
  'set resources deploy web --requests=cpu=100m', 'label deploy web tier=frontend', 'label deploy web app=other', 'label deploy web app=other --overwrite',
  'label deploy web tier-', 'label pods -l app=web color=blue', 'label nodes k3d-mini-cluster-agent-0 disk=ssd', 'annotate deploy web note=hello',
  'annotate deploy web note=hello note2=x', 'annotate svc web owner=team --overwrite', "patch deploy web -p '{\"spec\":{\"replicas\":2}}'",
  "patch deploy web --type=merge -p '{\"metadata\":{\"labels\":{\"x\":\"y\"}}}'", "patch deploy web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]'",
  "patch deploy web --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/nothere\"}]'", "patch deploy web -p '{\"spec\":{\"replicas\":3}}'",
  "patch svc web -p '{\"spec\":{\"type\":\"NodePort\"}}'", "patch deploy web -p 'not json'", 'label deploy web',
]) add('mutate', `kubectl ${args}`, ...WEB, `kubectl ${args}`);
add('mutate', 'replace', writeApp(), '@kubectl create -f app.yaml', writeApp(WEB_YAML.replace('replicas: 2', 'replicas: 1')), 'kubectl replace -f app.yaml');
add('mutate', 'replace missing', writeApp(), 'kubectl replace -f app.yaml');
add('mutate', 'cordon and uncordon', 'kubectl cordon k3d-mini-cluster-agent-2', 'kubectl get nodes', 'kubectl cordon k3d-mini-cluster-agent-2', 'kubectl uncordon k3d-mini-cluster-agent-2');
add('mutate', 'taint', 'kubectl taint nodes k3d-mini-cluster-agent-1 dedicated=gpu:NoSchedule', 'kubectl describe node k3d-mini-cluster-agent-1 | grep Taints', 'kubectl taint nodes k3d-mini-cluster-agent-1 dedicated=gpu:NoSchedule-');

// ---- rollout
add('rollout', 'rollout status done', ...WEB, 'kubectl rollout status deploy/web');
add('rollout', 'rollout history', ...WEB, 'kubectl rollout history deploy/web');
add('rollout', 'rollout history after change', ...WEB, '@kubectl set image deploy/web nginx=nginx:1.26', 'sleep 60', 'kubectl rollout history deployment web');
add('rollout', 'rollout history --revision', ...WEB, '@kubectl set image deploy/web nginx=nginx:1.26', 'sleep 60', 'kubectl rollout history deployment web --revision=1');
add('rollout', 'rollout undo', ...WEB, '@kubectl set image deploy/web nginx=nginx:1.26', 'sleep 60', 'kubectl rollout undo deploy/web', 'sleep 60', 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}');
add('rollout', 'rollout undo to revision', ...WEB, '@kubectl set image deploy/web nginx=nginx:1.26', 'sleep 60', '@kubectl set image deploy/web nginx=nginx:1.25', 'sleep 60', 'kubectl rollout undo deploy/web --to-revision=1');
add('rollout', 'rollout undo nothing', ...WEB, 'kubectl rollout undo deploy/web');
add('rollout', 'rollout undo bad revision', ...WEB, 'kubectl rollout undo deploy/web --to-revision=9');
add('rollout', 'rollout restart', ...WEB, 'kubectl rollout restart deploy/web');
add('rollout', 'rollout pause and resume', ...WEB, 'kubectl rollout pause deploy/web', 'kubectl rollout pause deploy/web', 'kubectl rollout resume deploy/web', 'kubectl rollout resume deploy/web');
add('rollout', 'rollout status not found', 'kubectl rollout status deploy/nope');
add('rollout', 'rollout history daemonset', 'kubectl rollout history ds -n kube-system');
add('rollout', 'rollout status daemonset', 'kubectl rollout status ds -n kube-system');
add('rollout', 'rollout bad resource', 'kubectl rollout status svc/kubernetes');

// ---- logs, exec
add('logs', 'logs of a job pod', '@kubectl create job hello --image=busybox -- echo hello world', 'sleep 30', 'kubectl logs job/hello');
add('logs', 'logs of a pod', '@kubectl run bb --image=busybox --restart=Never -- sh -c "echo one; echo two"', 'sleep 30', 'kubectl logs bb', 'kubectl logs bb --tail=1');
add('logs', 'logs not found', 'kubectl logs nope');
add('logs', 'logs deploy', ...WEB, 'kubectl logs deploy/web --tail=2');
add('logs', 'logs bad container', '@kubectl run bb --image=busybox --restart=Never -- echo hi', 'sleep 30', 'kubectl logs bb -c nope');
add('exec', 'exec echo', '@kubectl run bb --image=busybox -- sleep 3600', 'sleep 30', 'kubectl exec bb -- echo hello');
add('exec', 'exec exit code', '@kubectl run bb --image=busybox -- sleep 3600', 'sleep 30', 'kubectl exec bb -- sh -c "exit 3"');
add('exec', 'exec not found', 'kubectl exec nope -- ls');

// ---- discovery and info
for (const args of ['api-resources', 'api-resources --namespaced=false', 'api-resources -o name', 'api-resources --api-group=apps', 'api-resources -o wide', 'api-versions',
  'version -o json', 'version -o yaml', 'cluster-info', 'explain pods', 'explain deployment.spec.strategy', 'explain svc.spec.type', 'explain pods.spec.containers.image',
  'explain nope', 'explain deploy --recursive', 'api-resources --verbs=list --namespaced -o name'])
  add('discovery', `kubectl ${args}`, `kubectl ${args}`);

// ---- wait, events
add('wait', 'wait condition', ...WEB, 'kubectl wait --for=condition=Available deploy/web');
add('wait', 'wait pods ready', ...WEB, 'kubectl wait --for=condition=Ready pod -l app=web');
add('wait', 'wait timeout', '@kubectl run big --image=nginx --requests=cpu=64', 'kubectl wait --for=condition=Ready pod/big --timeout=1s');
add('wait', 'wait delete', ...WEB, '@kubectl delete deploy web --wait=false', 'sleep 60', 'kubectl wait --for=delete deploy/web --timeout=5s');
add('events', 'get events sorted', ...WEB, 'kubectl get events --sort-by=.metadata.creationTimestamp -o name --field-selector involvedObject.kind=Deployment');

// ---- config (the kubeconfig itself differs between the two sides: only what is identical by construction)
add('config', 'config current-context', 'kubectl config current-context');
add('config', 'config get-contexts -o name', 'kubectl config get-contexts -o name');
add('config', 'config use-context missing', 'kubectl config use-context nope');
add('config', 'config set-context namespace', 'kubectl config set-context --current --namespace=kube-system', 'kubectl get deploy', 'kubectl config set-context --current --namespace=default');

// ---- top: metrics-server's metrics.k8s.io (values are the simulation's; formatting and errors are kubectl's)
for (const args of ['top node', 'top nodes --sort-by=memory', 'top node k3d-mini-cluster-server-0 --no-headers', 'top pod -A', 'top pods -n kube-system --containers',
  'top pod -A --sum --sort-by=cpu', 'top pod -n kube-system -l k8s-app=kube-dns', 'top node nope', 'top pod nope', 'top pod --sort-by=name', 'top node -l kubernetes.io/os=linux --show-capacity'])
  add('top', `kubectl ${args}`, `kubectl ${args}`);
add('top', 'top pods of a deployment', ...WEB, 'kubectl top pods -l app=web --sort-by=memory --sum');
add('top', 'top pod too young', '@kubectl run bb --image=busybox -- sleep 3600', 'sleep 5', 'kubectl top pod bb');
for (const args of ['get --raw /apis/metrics.k8s.io/v1beta1/nodes/k3d-mini-cluster-server-0', 'get nodes.metrics.k8s.io', 'get pods.metrics.k8s.io -n kube-system -l k8s-app=kube-dns',
  'get nodemetrics k3d-mini-cluster-agent-0 -o yaml', 'get --raw /apis/metrics.k8s.io/v1beta1'])
  add('top', `kubectl ${args} (metrics)`, `kubectl ${args}`);
const HPA_YAML = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`;
add('top', 'hpa on metrics (metrics)', '@kubectl create deployment php --image=registry.k8s.io/hpa-example', '@kubectl set resources deploy php --requests=cpu=200m',
  `@cat > hpa.yaml <<'EOF'\n${HPA_YAML}EOF`, '@kubectl apply -f hpa.yaml', 'sleep 90', 'kubectl get hpa', 'kubectl top pod -l app=php --no-headers');
// autoscale's checks before it reaches the server (its requests: cases-quota-hpa.ts)
for (const args of ['autoscale deploy x', 'autoscale deploy x --max=0', 'autoscale deploy x --max=2 --min=3', 'autoscale --max=2'])
  add('top', `kubectl ${args} (metrics)`, `kubectl ${args}`);

// ---- manifests, aggregated errors, set/label/rollout/logs/wait details, raw requests
add('errors', 'apply more indented key', "@printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: x\\n   labels: y\\n' > bad.yaml", 'kubectl apply -f bad.yaml');
add('errors', 'apply tab indentation', "@printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n\\tname: x\\n' > bad.yaml", 'kubectl apply -f bad.yaml');
add('errors', 'apply unclosed quote', "@printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: \"x\\nspec: {}\\n' > bad.yaml", 'kubectl apply -f bad.yaml');
add('errors', 'apply unclosed flow mapping', "@printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: x\\ndata: {}\\n' > bad.yaml", 'kubectl apply -f bad.yaml');
add('errors', 'apply error in second document', "@printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: [b\\n' > bad.yaml", 'kubectl apply -f bad.yaml', 'kubectl get cm a');
add('errors', 'apply without apiVersion and kind', "@printf 'metadata:\\n  name: x\\n' > bad.yaml", 'kubectl apply -f bad.yaml');
add('errors', 'apply malformed json', `@printf '{"apiVersion": "v1" "kind": "ConfigMap"}\\n' > bad.json`, 'kubectl apply -f bad.json');
add('errors', 'apply missing kind without validation', "@printf 'apiVersion: v1\\nmetadata:\\n  name: x\\n' > nokind.yaml", 'kubectl apply -f nokind.yaml --validate=false');
add('errors', 'create -f missing kind', "@printf 'apiVersion: v1\\nmetadata:\\n  name: x\\n' > nokind.yaml", 'kubectl create -f nokind.yaml');
add('errors', 'apply empty file', '@touch empty.yaml', 'kubectl apply -f empty.yaml');
add('errors', 'apply two invalid objects', "@printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: Bad_1\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ok\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: Bad_2\\n' > two.yaml", 'kubectl apply -f two.yaml');
add('errors', 'create -f invalid', writeApp(WEB_YAML.replace('name: app\n', 'name: App_1\n')), 'kubectl create -f app.yaml');
add('rollout', 'set image --record shows in history', ...WEB, '@kubectl set image deploy/web nginx=nginx:1.26 --record', 'sleep 60', 'kubectl rollout history deploy/web', 'kubectl get deploy web -o jsonpath={.metadata.annotations}');
add('mutate', 'set env then --list', ...WEB, '@kubectl set env deploy/web MODE=fast LEVEL=3', 'kubectl set env deploy/web --list');
add('mutate', 'set env --list with a change', ...WEB, 'kubectl set env deploy/web --list A=1', 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].env}');
add('mutate', 'label absent key on several', ...WEB, 'kubectl label pods -l app=web nope-');
add('rollout', 'rollout history of a type', 'kubectl rollout history deploy -n kube-system');
add('rollout', 'rollout status of several', 'kubectl rollout status deploy -n kube-system');
add('rollout', 'rollout foo with several words', 'kubectl rollout foo bar baz');
add('logs', 'logs of a one-pod deployment', 'kubectl logs deploy/coredns -n kube-system --tail=3');
add('logs', 'logs of a service', ...WEB, 'kubectl logs svc/web --tail=1');
add('wait', 'wait for delete of a missing object', 'kubectl wait --for=delete pod/nope --timeout=2s');
add('wait', 'wait for a condition of a missing object', 'kubectl wait --for=condition=Ready pod/nope --timeout=2s');
for (const p of ['/api/v1/namespaces/default', '/healthz', '/livez', '/readyz', '/version', '/api', '/apis/apps', '/api/v1/namespaces/nope', '/apis/nope/v1'])
  add('raw', `get --raw ${p}`, `kubectl get --raw ${p}`);
add('raw', 'get --raw with -o', 'kubectl get --raw /version -o yaml');
for (const args of ['explain pods.spec.containers', 'explain svc.spec.ports --recursive', 'explain pod.spec.restartPolicy', 'explain deploy.spec.template.spec.containers.resources',
  'explain pods.spec.affinity.nodeAffinity --recursive', 'explain cm --recursive', 'explain pods.metadata.labels', 'explain nodes.status.conditions'])
  add('discovery', `kubectl ${args}`, `kubectl ${args}`);
add('raw', 'get --raw of a deployment', ...WEB, 'kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web | head -c 300');

// ---- CLI usage errors and help
for (const args of ['foo', 'get', 'get pods --bogus', 'get pods -o', 'get pod -n', 'get pods,nodes nope', 'get foo', 'scale', 'logs', 'exec', 'delete', 'rollout', 'rollout foo deploy/x',
  'set', 'set image', 'label', 'label pods', 'create', 'run', 'run x', 'expose', 'explain', 'describe', 'edit', 'cordon', 'drain', 'taint', 'top', 'wait', 'wait pods', 'config foo',
  'get pods -w --no-headers=maybe', 'get --raw /nope'])
  add('usage', `kubectl ${args}`, `kubectl ${args}`);
for (const args of ['--help', 'get -h', 'describe --help', 'create -h', 'create deployment -h', 'apply -h', 'delete -h', 'logs -h', 'rollout -h', 'rollout status -h', 'scale -h',
  'expose -h', 'run -h', 'exec -h', 'label -h', 'set image -h', 'config -h', 'api-resources -h', 'explain -h', 'wait -h', 'options'])
  add('help', `kubectl ${args}`, `kubectl ${args}`);

// ---- output: the go-template printer (-o go-template, --template, -o template, template files)
const GT_NL = '{{"\\n"}}';
add('output', 'go-template node names and kubelet versions', `kubectl get nodes -o go-template='{{range .items}}{{.metadata.name}} {{.status.nodeInfo.kubeletVersion}}${GT_NL}{{end}}'`);
add('output', 'go-template with --template over a list', `kubectl get pods -n kube-system -o go-template --template '{{range .items}}{{.metadata.name}}${GT_NL}{{end}}'`);
add('output', 'go-template replicas and a label', ...WEB, `kubectl get deploy web -o go-template='{{.spec.replicas}}/{{.status.readyReplicas}} {{index .metadata.labels "app"}}${GT_NL}'`);
add('output', 'go-template index of service ports', ...WEB, `kubectl get svc web -o go-template='{{(index .spec.ports 0).port}} {{.spec.type}}${GT_NL}'`);
add('output', 'go-template via -o template --template= over kube-dns ports', `kubectl get svc -n kube-system kube-dns -o template --template='{{range .spec.ports}}{{.name}}={{.port}}/{{.protocol}} {{end}}'`);
add('output', 'go-template if eq over running pods', ...WEB, `kubectl get pods -l app=web -o go-template='{{range .items}}{{if eq .status.phase "Running"}}{{.metadata.name}} {{.status.podIP}}${GT_NL}{{end}}{{end}}'`);
add('output', 'go-template execution error dump', `kubectl get ns default -o go-template='{{.metadata.name}} {{.metadata.name.x}}'`);
add('output', 'go-template parse error', `kubectl get ns default -o go-template='{{.metadata.name'`);
add('output', 'go-template missing key with --allow-missing-template-keys=false', `kubectl get ns default --allow-missing-template-keys=false -o go-template='{{.metadata.name}}{{.spec.nope}}'`);
add('output', 'go-template-file and templatefile', `@printf '{{.kind}} {{.metadata.name}}\\n' > t.tmpl`, 'kubectl get ns default -o go-template-file=t.tmpl', 'kubectl get ns kube-system -o templatefile=t.tmpl');
add('output', 'go-template on create and label', `kubectl create configmap cfg --from-literal=a=1 -o go-template='{{.data.a}} {{.metadata.namespace}}${GT_NL}'`, `kubectl label cm cfg team=blue -o go-template='{{.metadata.labels}}${GT_NL}'`);
add('output', 'go-template base64decode of a secret', '@kubectl create secret generic s --from-literal=pw=hunter2', `kubectl get secret s -o go-template='{{.data.pw | base64decode}}${GT_NL}'`);
add('output', 'go-template printf and len', `kubectl get pods -n kube-system -o go-template='{{printf "%d pods, first %q" (len .items) (index .items 0).metadata.name}}${GT_NL}'`);
add('output', 'go-template run --dry-run=client', `kubectl run x --image=nginx --dry-run=client -o go-template='{{.spec.containers}} {{.metadata.creationTimestamp}}${GT_NL}'`);

// cases kept in their own files
cases.push(...quotaHpaCases);
cases.push(...diffCpCases);

// RBAC: auth can-i, whoami, Forbidden texts, bootstrap roles
import { authCases } from './cases-auth';
cases.push(...authCases);

export default cases;
