/** Command path → implementation. Paths are the canonical names of the real command tree. */
import type { Kctx } from '../cli/kctx';
import { runGet } from './get';
import * as create from './create';
import { runRun } from './run';
import * as config from './config';
import { runExec, runAttach } from './exec';
import * as info from './info';
import { runDescribe } from './describe';
import { runDelete } from './delete';
import { runApply } from './apply';
import * as mutate from './mutate';
import * as rollout from './rollout';
import { runLogs } from './logs';
import { runExpose } from './expose';
import * as node from './node';
import { runEdit, runReplace } from './edit';
import { runWait } from './wait';
import { runEvents } from './events';
import { runTopNode, runTopPod } from './top';
import { runPortForward } from './portforward';
import { runExplain } from './explain';

export type CommandImpl = (k: Kctx) => Promise<number>;

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
  'rollout status': rollout.runRolloutStatus,
  'rollout history': rollout.runRolloutHistory,
  'rollout undo': rollout.runRolloutUndo,
  'rollout restart': rollout.runRolloutRestart,
  'rollout pause': rollout.runRolloutPause,
  'rollout resume': rollout.runRolloutResume,
  logs: runLogs,
  expose: runExpose,
  cordon: node.runCordon,
  uncordon: node.runUncordon,
  drain: node.runDrain,
  taint: node.runTaint,
  edit: runEdit,
  replace: runReplace,
  wait: runWait,
  events: runEvents,
  'top node': runTopNode,
  'top pod': runTopPod,
  'port-forward': runPortForward,
  explain: runExplain,
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
  run: runRun,
  exec: runExec,
  attach: runAttach,
  version: info.runVersion,
  'cluster-info': info.runClusterInfo,
  'api-resources': info.runApiResources,
  'api-versions': info.runApiVersions,
  'config view': config.configView,
  'config current-context': config.configCurrentContext,
  'config get-contexts': config.configGetContexts,
  'config get-clusters': config.configGetClusters,
  'config get-users': config.configGetUsers,
  'config use-context': config.configUseContext,
  'config set-context': config.configSetContext,
  'config delete-context': config.configDeleteContext,
  'config delete-cluster': config.configDeleteCluster,
  'config delete-user': config.configDeleteUser,
  'config rename-context': config.configRenameContext,
  'config set-cluster': config.configSetCluster,
  'config set-credentials': config.configSetCredentials,
  'config set': config.configSet,
  'config unset': config.configUnset,
};
