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

/**
 * A command whose code loads on first use. Ctrl-C while it loads stops it before it sends anything, as SIGINT kills
 * the real kubectl wherever it is: status 130, no output.
 */
function fromChunk<M>(load: () => Promise<M>, run: (m: M, k: Kctx) => Promise<number>): CommandImpl {
  return async (k) => {
    const m = await load();
    if (k.ctx.signal.aborted) return 130;
    return run(m, k);
  };
}

export const COMMANDS: Record<string, CommandImpl> = {
  get: runGet,
  describe: fromChunk(describe, (m, k) => m.runDescribe(k)),
  delete: fromChunk(del, (m, k) => m.runDelete(k)),
  apply: fromChunk(apply, (m, k) => m.runApply(k)),
  scale: fromChunk(mutate, (m, k) => m.runScale(k)),
  label: fromChunk(mutate, (m, k) => m.runLabel(k)),
  annotate: fromChunk(mutate, (m, k) => m.runAnnotate(k)),
  patch: fromChunk(mutate, (m, k) => m.runPatch(k)),
  'set image': fromChunk(mutate, (m, k) => m.runSetImage(k)),
  'set env': fromChunk(mutate, (m, k) => m.runSetEnv(k)),
  'set resources': fromChunk(mutate, (m, k) => m.runSetResources(k)),
  'rollout status': fromChunk(rollout, (m, k) => m.runRolloutStatus(k)),
  'rollout history': fromChunk(rollout, (m, k) => m.runRolloutHistory(k)),
  'rollout undo': fromChunk(rollout, (m, k) => m.runRolloutUndo(k)),
  'rollout restart': fromChunk(rollout, (m, k) => m.runRolloutRestart(k)),
  'rollout pause': fromChunk(rollout, (m, k) => m.runRolloutPause(k)),
  'rollout resume': fromChunk(rollout, (m, k) => m.runRolloutResume(k)),
  logs: fromChunk(logs, (m, k) => m.runLogs(k)),
  expose: fromChunk(expose, (m, k) => m.runExpose(k)),
  cordon: fromChunk(node, (m, k) => m.runCordon(k)),
  uncordon: fromChunk(node, (m, k) => m.runUncordon(k)),
  drain: fromChunk(node, (m, k) => m.runDrain(k)),
  taint: fromChunk(node, (m, k) => m.runTaint(k)),
  edit: fromChunk(edit, (m, k) => m.runEdit(k)),
  replace: fromChunk(edit, (m, k) => m.runReplace(k)),
  wait: fromChunk(wait, (m, k) => m.runWait(k)),
  events: fromChunk(events, (m, k) => m.runEvents(k)),
  autoscale: fromChunk(autoscale, (m, k) => m.runAutoscale(k)),
  'top node': fromChunk(top, (m, k) => m.runTopNode(k)),
  'top pod': fromChunk(top, (m, k) => m.runTopPod(k)),
  'port-forward': fromChunk(portForward, (m, k) => m.runPortForward(k)),
  diff: fromChunk(diff, (m, k) => m.runDiff(k)),
  cp: fromChunk(cp, (m, k) => m.runCp(k)),
  explain: fromChunk(explain, (m, k) => m.runExplain(k)),
  create: fromChunk(create, (m, k) => m.createFromFiles(k)),
  'create deployment': fromChunk(create, (m, k) => m.createDeployment(k)),
  'create job': fromChunk(create, (m, k) => m.createJob(k)),
  'create cronjob': fromChunk(create, (m, k) => m.createCronJob(k)),
  'create namespace': fromChunk(create, (m, k) => m.createNamespace(k)),
  'create serviceaccount': fromChunk(create, (m, k) => m.createServiceAccount(k)),
  'create configmap': fromChunk(create, (m, k) => m.createConfigMap(k)),
  'create secret generic': fromChunk(create, (m, k) => m.createSecretGeneric(k)),
  'create secret docker-registry': fromChunk(create, (m, k) => m.createSecretDockerRegistry(k)),
  'create service clusterip': fromChunk(create, (m, k) => m.createServiceClusterIP(k)),
  'create service nodeport': fromChunk(create, (m, k) => m.createServiceNodePort(k)),
  'create service loadbalancer': fromChunk(create, (m, k) => m.createServiceLoadBalancer(k)),
  'create service externalname': fromChunk(create, (m, k) => m.createServiceExternalName(k)),
  'create secret tls': fromChunk(create, (m, k) => m.createSecretTLS(k)),
  'create role': fromChunk(createRbac, (m, k) => m.createRole(k)),
  'create clusterrole': fromChunk(createRbac, (m, k) => m.createClusterRole(k)),
  'create rolebinding': fromChunk(createRbac, (m, k) => m.createRoleBinding(k)),
  'create clusterrolebinding': fromChunk(createRbac, (m, k) => m.createClusterRoleBinding(k)),
  'create quota': fromChunk(createPolicy, (m, k) => m.createQuota(k)),
  'create poddisruptionbudget': fromChunk(createPolicy, (m, k) => m.createPodDisruptionBudget(k)),
  'create priorityclass': fromChunk(createPolicy, (m, k) => m.createPriorityClass(k)),
  'create ingress': fromChunk(createIngress, (m, k) => m.createIngress(k)),
  'create token': fromChunk(createToken, (m, k) => m.createToken(k)),
  run: fromChunk(run, (m, k) => m.runRun(k)),
  'auth can-i': fromChunk(auth, (m, k) => m.runCanI(k)),
  'auth whoami': fromChunk(auth, (m, k) => m.runWhoami(k)),
  exec: fromChunk(exec, (m, k) => m.runExec(k)),
  attach: fromChunk(exec, (m, k) => m.runAttach(k)),
  version: fromChunk(info, (m, k) => m.runVersion(k)),
  'cluster-info': fromChunk(info, (m, k) => m.runClusterInfo(k)),
  'api-resources': fromChunk(info, (m, k) => m.runApiResources(k)),
  'api-versions': fromChunk(info, (m, k) => m.runApiVersions(k)),
  'config view': fromChunk(config, (m, k) => m.configView(k)),
  'config current-context': fromChunk(config, (m, k) => m.configCurrentContext(k)),
  'config get-contexts': fromChunk(config, (m, k) => m.configGetContexts(k)),
  'config get-clusters': fromChunk(config, (m, k) => m.configGetClusters(k)),
  'config get-users': fromChunk(config, (m, k) => m.configGetUsers(k)),
  'config use-context': fromChunk(config, (m, k) => m.configUseContext(k)),
  'config set-context': fromChunk(config, (m, k) => m.configSetContext(k)),
  'config delete-context': fromChunk(config, (m, k) => m.configDeleteContext(k)),
  'config delete-cluster': fromChunk(config, (m, k) => m.configDeleteCluster(k)),
  'config delete-user': fromChunk(config, (m, k) => m.configDeleteUser(k)),
  'config rename-context': fromChunk(config, (m, k) => m.configRenameContext(k)),
  'config set-cluster': fromChunk(config, (m, k) => m.configSetCluster(k)),
  'config set-credentials': fromChunk(config, (m, k) => m.configSetCredentials(k)),
  'config set': fromChunk(config, (m, k) => m.configSet(k)),
  'config unset': fromChunk(config, (m, k) => m.configUnset(k)),
};
