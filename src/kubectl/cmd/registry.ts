/**
 * Command path → implementation. Paths are the canonical names of the real command tree. The everyday commands
 * (get, describe, create, apply, delete, logs, exec, run, scale, label ...) load with kubectl; the rest are
 * separate chunks loaded on their first run, so the browser's terminal starts lighter.
 */
import type { Kctx } from '../cli/kctx';
import { onDemand } from '../../sim/lazy';
import { runGet } from './get';
import * as create from './create';
import { runRun } from './run';
import { runExec, runAttach } from './exec';
import * as info from './info';
import { runDescribe } from './describe';
import { runDelete } from './delete';
import { runApply } from './apply';
import * as mutate from './mutate';
import { runLogs } from './logs';

export type CommandImpl = (k: Kctx) => Promise<number>;

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
const diff = onDemand(() => import('./diff'));

export const COMMANDS: Record<string, CommandImpl> = {
  get: runGet,
  describe: runDescribe,
  delete: runDelete,
  apply: runApply,
  scale: mutate.runScale,
  label: mutate.runLabel,
  annotate: mutate.runAnnotate,
  patch: mutate.runPatch,
  'set image': mutate.runSetImage,
  'set env': mutate.runSetEnv,
  'set resources': mutate.runSetResources,
  'rollout status': async (k) => (await rollout()).runRolloutStatus(k),
  'rollout history': async (k) => (await rollout()).runRolloutHistory(k),
  'rollout undo': async (k) => (await rollout()).runRolloutUndo(k),
  'rollout restart': async (k) => (await rollout()).runRolloutRestart(k),
  'rollout pause': async (k) => (await rollout()).runRolloutPause(k),
  'rollout resume': async (k) => (await rollout()).runRolloutResume(k),
  logs: runLogs,
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
  explain: async (k) => (await explain()).runExplain(k),
  create: create.createFromFiles,
  'create deployment': create.createDeployment,
  'create job': create.createJob,
  'create cronjob': create.createCronJob,
  'create namespace': create.createNamespace,
  'create serviceaccount': create.createServiceAccount,
  'create configmap': create.createConfigMap,
  'create secret generic': create.createSecretGeneric,
  'create secret docker-registry': create.createSecretDockerRegistry,
  'create service clusterip': create.createServiceClusterIP,
  'create service nodeport': create.createServiceNodePort,
  'create service loadbalancer': create.createServiceLoadBalancer,
  'create service externalname': create.createServiceExternalName,
  'create secret tls': create.createSecretTLS,
  'create role': async (k) => (await createRbac()).createRole(k),
  'create clusterrole': async (k) => (await createRbac()).createClusterRole(k),
  'create rolebinding': async (k) => (await createRbac()).createRoleBinding(k),
  'create clusterrolebinding': async (k) => (await createRbac()).createClusterRoleBinding(k),
  'create quota': async (k) => (await createPolicy()).createQuota(k),
  'create poddisruptionbudget': async (k) => (await createPolicy()).createPodDisruptionBudget(k),
  'create priorityclass': async (k) => (await createPolicy()).createPriorityClass(k),
  'create ingress': async (k) => (await createIngress()).createIngress(k),
  'create token': async (k) => (await createToken()).createToken(k),
  run: runRun,
  exec: runExec,
  attach: runAttach,
  version: info.runVersion,
  'cluster-info': info.runClusterInfo,
  'api-resources': info.runApiResources,
  'api-versions': info.runApiVersions,
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
