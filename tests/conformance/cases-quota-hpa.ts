/**
 * Conformance cases for autoscaling/v1 (kubectl autoscale posts it), ResourceQuota usage and admission, and
 * APIService objects. Collected by ./cases.ts.
 */
import type { ConformanceCase } from './cases';

const cases: ConformanceCase[] = [];
const add = (family: string, name: string, ...steps: string[]) => cases.push({ family, name, steps });

const DEPLOY = ['@kubectl create deployment hx --image=nginx --replicas=1', 'sleep 20'];

// ---- autoscaling/v1: what kubectl 1.31 autoscale builds and posts, and how it reads back
add('autoscale', 'autoscale dry-run client yaml (v1)', ...DEPLOY, 'kubectl autoscale deploy hx --max 3 --dry-run=client -o yaml');
add('autoscale', 'autoscale cpu-percent dry-run client json (v1)', ...DEPLOY, 'kubectl autoscale deploy hx --min 2 --max 5 --cpu-percent 60 --dry-run=client -o json');
add('autoscale', 'autoscale creates (v1)', ...DEPLOY, 'kubectl autoscale deploy hx --max 3 --cpu-percent=50', 'kubectl get hpa', 'kubectl get hpa hx -o jsonpath={.spec.metrics}');
add('autoscale', 'autoscale server dry-run yaml (v1)', ...DEPLOY, 'kubectl autoscale deploy hx --max 4 --dry-run=server -o yaml');
add('autoscale', 'autoscale existing name (v1)', ...DEPLOY, '@kubectl autoscale deploy hx --max 3', 'kubectl autoscale deploy hx --max 3');
add('autoscale', 'get horizontalpodautoscalers.v1.autoscaling yaml', ...DEPLOY, '@kubectl autoscale deploy hx --max 3 --cpu-percent=40', 'sleep 5', 'kubectl get horizontalpodautoscalers.v1.autoscaling hx -o yaml', 'kubectl get hpa.v1.autoscaling hx -o jsonpath={.apiVersion}');
add('autoscale', 'explain hpa autoscaling/v1', 'kubectl explain hpa --api-version=autoscaling/v1', 'kubectl explain hpa.spec --api-version=autoscaling/v1');

// ---- ResourceQuota: usage from the controller, admission's refusals through kubectl, the describer
const POD = (name: string, req: string, lim = '') => `@printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests: {${req}}\n${lim ? `      limits: {${lim}}\n` : ''}' > ${name}.yaml`;
add('quota', 'quota get and describe with usage', '@kubectl create quota q --hard=pods=3,requests.cpu=1,requests.memory=1Gi,limits.cpu=2,configmaps=4', POD('p1', 'cpu: 250m, memory: 128Mi', 'cpu: 500m'),
  '@kubectl apply -f p1.yaml', 'sleep 5', 'kubectl get quota', 'kubectl get quota -o wide', 'kubectl describe quota q', 'kubectl describe ns default');
add('quota', 'quota refuses pods without requests', '@kubectl create quota q --hard=requests.cpu=1,limits.memory=1Gi', 'sleep 3', 'kubectl run x --image=nginx', 'kubectl get pods x');
add('quota', 'quota exceeded through apply', '@kubectl create quota q --hard=requests.cpu=500m,pods=5', POD('p1', 'cpu: 400m'), POD('p2', 'cpu: 200m'), 'sleep 3',
  'kubectl apply -f p1.yaml', 'kubectl apply -f p2.yaml', 'kubectl get quota q --no-headers');
add('quota', 'quota count of configmaps exceeded', '@kubectl create quota q --hard=configmaps=2', 'sleep 3', 'kubectl create configmap a', 'kubectl create configmap b', 'kubectl describe quota q');
add('quota', 'quota describe used in the hard format', '@kubectl create quota q --hard=requests.memory=1G,pods=2', POD('p1', 'memory: 128Mi'), 'sleep 3', '@kubectl apply -f p1.yaml', 'sleep 3', 'kubectl describe quota q', 'kubectl get quota q');
add('quota', 'quota usage given back after delete', '@kubectl create quota q --hard=pods=2,services=2', POD('p1', 'cpu: 100m'), 'sleep 3', '@kubectl apply -f p1.yaml', '@kubectl create service clusterip s --tcp=80', 'sleep 3', 'kubectl get quota q', '@kubectl delete pod p1 --grace-period=0 --force', '@kubectl delete svc s', 'sleep 10', 'kubectl get quota q');

// ---- LimitRange admission: defaults with their annotation, refusals
const LR = `@printf 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lim\nspec:\n  limits:\n  - type: Container\n    default:\n      cpu: 500m\n    defaultRequest:\n      cpu: 250m\n    max:\n      cpu: "1"\n    min:\n      cpu: 100m\n' > lr.yaml`;
add('limitrange', 'limitrange defaults a pod and annotates it', LR, '@kubectl apply -f lr.yaml', 'kubectl run x --image=nginx', 'kubectl get pod x -o jsonpath={.metadata.annotations}', 'kubectl get pod x -o jsonpath={.spec.containers[0].resources}');
add('limitrange', 'limitrange refuses above max and below min', LR, '@kubectl apply -f lr.yaml', POD('big', 'cpu: 200m', 'cpu: "2"'), POD('small', 'cpu: 50m'), 'kubectl apply -f big.yaml', 'kubectl apply -f small.yaml');

// ---- Quantities and typed fields: kubectl's own parse for set resources, the server's typed decoder for bodies
add('decode', 'set resources with malformed quantities', '@kubectl create deployment qd --image=nginx',
  'kubectl set resources deploy qd --requests=memory=128mb', 'kubectl set resources deploy qd --requests=memory=5iK',
  'kubectl set resources deploy qd --limits=cpu=1.5.5', 'kubectl set resources deploy qd --requests=memory',
  'kubectl set resources deploy qd --requests=memory=1=2', 'kubectl set resources deploy qd --limits=cpu=2e3,memory=1e-3');
add('decode', 'server refuses an unparsable quantity and a string for an int', POD('pq', 'memory: 128mb'), 'kubectl apply -f pq.yaml', 'kubectl create -f pq.yaml',
  `@printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "3"\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: nginx}]\n' > d.yaml`,
  'kubectl apply -f d.yaml', 'kubectl create -f d.yaml --validate=false', 'kubectl get deploy d');

// ---- APIService objects
add('apiservices', 'get apiservices wide and one as yaml', 'kubectl get apiservices -o wide', 'kubectl get apiservice v1.apps -o yaml', 'kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath={.spec.service}');

export default cases;
