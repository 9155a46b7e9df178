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

export default cases;
