/**
 * Command path → implementation. Paths are the canonical names of the real command tree. Only `get` loads with
 * kubectl (the prompt and `kubectl get` must not wait for a download); every other command is its own chunk,
 * loaded on its first run (src/sim/lazy.ts holds virtual time meanwhile, so a first run prints what later runs do).
 */
import type { Kctx } from '../cli/kctx';
import { onDemand } from '../../sim/lazy';
import { runGet } from './get';

export type CommandImpl = (k: Kctx) => Promise<number>;

const describe = onDemand(() => import('./describe'));
const create = onDemand(() => import('./create'));
const run = onDemand(() => import('./run'));
const exec = onDemand(() => import('./exec'));
const info = onDemand(() => import('./info'));
const del = onDemand(() => import('./delete'));
const apply = onDemand(() => import('./apply'));
const mutate = onDemand(() => import('./mutate'));
const logs = onDemand(() => import('./logs'));
const rollout = onDemand(() => import('./rollout'));
const expose = onDemand(() => import('./expose'));
const node = onDemand(() => import('./node'));
const edit = onDemand(() => import('./edit'));
const wait = onDemand(() => import('./wait'));
const events = onDemand(() => import('./events'));
const top = onDemand(() => import('./top'));
const autoscale = onDemand(() => import('./autoscale'));
const portForward = onDemand(() => import('./portforward'));
const explain = onDemand(() => import('./explain'));
const config = onDemand(() => import('./config'));
const createRbac = onDemand(() => import('./create/rbac'));
const createPolicy = onDemand(() => import('./create/policy'));
const createIngress = onDemand(() => import('./create/ingress'));
const createToken = onDemand(() => import('./create/token'));
const auth = onDemand(() => import('./auth'));
const diff = onDemand(() => import('./diff'));
const cp = onDemand(() => import('./cp'));

export const COMMANDS: Record<string, CommandImpl> = {
  get: runGet,
  describe: async (k) => (await describe()).runDescribe(k),
  delete: async (k) => (await del()).runDelete(k),
  apply: async (k) => (await apply()).runApply(k),
  scale: async (k) => (await mutate()).runScale(k),
  label: async (k) => (await mutate()).runLabel(k),
  annotate: async (k) => (await mutate()).runAnnotate(k),
  patch: async (k) => (await mutate()).runPatch(k),
  'set image': async (k) => (await mutate()).runSetImage(k),
  'set env': async (k) => (await mutate()).runSetEnv(k),
  'set resources': async (k) => (await mutate()).runSetResources(k),
  'rollout status': async (k) => (await rollout()).runRolloutStatus(k),
  'rollout history': async (k) => (await rollout()).runRolloutHistory(k),
  'rollout undo': async (k) => (await rollout()).runRolloutUndo(k),
  'rollout restart': async (k) => (await rollout()).runRolloutRestart(k),
  'rollout pause': async (k) => (await rollout()).runRolloutPause(k),
  'rollout resume': async (k) => (await rollout()).runRolloutResume(k),
  logs: async (k) => (await logs()).runLogs(k),
  expose: async (k) => (await expose()).runExpose(k),
  cordon: async (k) => (await node()).runCordon(k),
  uncordon: async (k) => (await node()).runUncordon(k),
  drain: async (k) => (await node()).runDrain(k),
  taint: async (k) => (await node()).runTaint(k),
  edit: async (k) => (await edit()).runEdit(k),
  replace: async (k) => (await edit()).runReplace(k),
  wait: async (k) => (await wait()).runWait(k),
  events: async (k) => (await events()).runEvents(k),
  autoscale: async (k) => (await autoscale()).runAutoscale(k),
  'top node': async (k) => (await top()).runTopNode(k),
  'top pod': async (k) => (await top()).runTopPod(k),
  'port-forward': async (k) => (await portForward()).runPortForward(k),
  diff: async (k) => (await diff()).runDiff(k),
  cp: async (k) => (await cp()).runCp(k),
  explain: async (k) => (await explain()).runExplain(k),
  create: async (k) => (await create()).createFromFiles(k),
  'create deployment': async (k) => (await create()).createDeployment(k),
  'create job': async (k) => (await create()).createJob(k),
  'create cronjob': async (k) => (await create()).createCronJob(k),
  'create namespace': async (k) => (await create()).createNamespace(k),
  'create serviceaccount': async (k) => (await create()).createServiceAccount(k),
  'create configmap': async (k) => (await create()).createConfigMap(k),
  'create secret generic': async (k) => (await create()).createSecretGeneric(k),
  'create secret docker-registry': async (k) => (await create()).createSecretDockerRegistry(k),
  'create service clusterip': async (k) => (await create()).createServiceClusterIP(k),
  'create service nodeport': async (k) => (await create()).createServiceNodePort(k),
  'create service loadbalancer': async (k) => (await create()).createServiceLoadBalancer(k),
  'create service externalname': async (k) => (await create()).createServiceExternalName(k),
  'create secret tls': async (k) => (await create()).createSecretTLS(k),
  'create role': async (k) => (await createRbac()).createRole(k),
  'create clusterrole': async (k) => (await createRbac()).createClusterRole(k),
  'create rolebinding': async (k) => (await createRbac()).createRoleBinding(k),
  'create clusterrolebinding': async (k) => (await createRbac()).createClusterRoleBinding(k),
  'create quota': async (k) => (await createPolicy()).createQuota(k),
  'create poddisruptionbudget': async (k) => (await createPolicy()).createPodDisruptionBudget(k),
  'create priorityclass': async (k) => (await createPolicy()).createPriorityClass(k),
  'create ingress': async (k) => (await createIngress()).createIngress(k),
  'create token': async (k) => (await createToken()).createToken(k),
  run: async (k) => (await run()).runRun(k),
  'auth can-i': async (k) => (await auth()).runCanI(k),
  'auth whoami': async (k) => (await auth()).runWhoami(k),
  exec: async (k) => (await exec()).runExec(k),
  attach: async (k) => (await exec()).runAttach(k),
  version: async (k) => (await info()).runVersion(k),
  'cluster-info': async (k) => (await info()).runClusterInfo(k),
  'api-resources': async (k) => (await info()).runApiResources(k),
  'api-versions': async (k) => (await info()).runApiVersions(k),
  'config view': async (k) => (await config()).configView(k),
  'config current-context': async (k) => (await config()).configCurrentContext(k),
  'config get-contexts': async (k) => (await config()).configGetContexts(k),
  'config get-clusters': async (k) => (await config()).configGetClusters(k),
  'config get-users': async (k) => (await config()).configGetUsers(k),
  'config use-context': async (k) => (await config()).configUseContext(k),
  'config set-context': async (k) => (await config()).configSetContext(k),
  'config delete-context': async (k) => (await config()).configDeleteContext(k),
  'config delete-cluster': async (k) => (await config()).configDeleteCluster(k),
  'config delete-user': async (k) => (await config()).configDeleteUser(k),
  'config rename-context': async (k) => (await config()).configRenameContext(k),
  'config set-cluster': async (k) => (await config()).configSetCluster(k),
  'config set-credentials': async (k) => (await config()).configSetCredentials(k),
  'config set': async (k) => (await config()).configSet(k),
  'config unset': async (k) => (await config()).configUnset(k),
};
