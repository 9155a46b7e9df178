/**
 * Every resource the simulated API server serves: the data behind discovery, path routing and error texts.
 *
 * Names, short names, categories, verbs and subresources are those of a k3s v1.31 API server, as read from
 * kubernetes/kubernetes pkg/registry/<group>/<resource>/storage/storage.go (ShortNames(), Categories(), which
 * REST interfaces a storage implements → verbs) and matched against `kubectl api-resources -o wide` output.
 * Services gained deletecollection in v1.29 (pkg/registry/core/service/storage/storage.go).
 */

export interface SubresourceInfo {
  name: string;
  /** The kind the subresource speaks; defaults to the parent's. */
  kind?: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceInfo[];
  /** Storage key shared by all versions of the resource: 'group/resource'. */
  storageKey: string;
  /** Served because a CustomResourceDefinition defines it. */
  custom?: boolean;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION_DELETE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS: SubresourceInfo = { name: 'status', verbs: ['get', 'patch', 'update'] };
const scale = (): SubresourceInfo => ({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });

type Def = Omit<ResourceInfo, 'storageKey' | 'group' | 'version' | 'verbs'> & { verbs?: string[] };

function gv(group: string, version: string, defs: Def[]): ResourceInfo[] {
  return defs.map((d) => ({ verbs: ALL, ...d, group, version, storageKey: `${group}/${d.resource}` }));
}

const r = (resource: string, kind: string, namespaced: boolean, extra: Partial<Def> = {}): Def => ({
  resource,
  kind,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

export const RESOURCES: ResourceInfo[] = [
  ...gv('', 'v1', [
    r('bindings', 'Binding', true, { verbs: ['create'] }),
    r('componentstatuses', 'ComponentStatus', false, { verbs: ['get', 'list'], shortNames: ['cs'] }),
    r('configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
    r('endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
    r('events', 'Event', true, { shortNames: ['ev'] }),
    r('limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
    r('namespaces', 'Namespace', false, {
      verbs: NO_COLLECTION_DELETE,
      shortNames: ['ns'],
      subresources: [{ name: 'finalize', verbs: ['update'] }, STATUS],
    }),
    r('nodes', 'Node', false, { shortNames: ['no'], subresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, STATUS] }),
    r('persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: [STATUS] }),
    r('persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], subresources: [STATUS] }),
    r('pods', 'Pod', true, {
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
        { name: 'binding', kind: 'Binding', verbs: ['create'] },
        { name: 'ephemeralcontainers', verbs: ['get', 'patch', 'update'] },
        { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        { name: 'log', verbs: ['get'] },
        { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
        { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
        STATUS,
      ],
    }),
    r('podtemplates', 'PodTemplate', true),
    r('replicationcontrollers', 'ReplicationController', true, { shortNames: ['rc'], categories: ['all'], subresources: [scale(), STATUS] }),
    r('resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], subresources: [STATUS] }),
    r('secrets', 'Secret', true),
    r('serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'], subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }] }),
    r('services', 'Service', true, {
      shortNames: ['svc'],
      categories: ['all'],
      subresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, STATUS],
    }),
  ]),
  ...gv('admissionregistration.k8s.io', 'v1', [
    r('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
    r('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, { categories: ['api-extensions'], subresources: [STATUS] }),
    r('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false, { categories: ['api-extensions'] }),
    r('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
  ]),
  ...gv('apiextensions.k8s.io', 'v1', [
    r('customresourcedefinitions', 'CustomResourceDefinition', false, { shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: [STATUS] }),
  ]),
  ...gv('apiregistration.k8s.io', 'v1', [r('apiservices', 'APIService', false, { categories: ['api-extensions'], subresources: [STATUS] })]),
  ...gv('apps', 'v1', [
    r('controllerrevisions', 'ControllerRevision', true),
    r('daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], subresources: [STATUS] }),
    r('deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], subresources: [scale(), STATUS] }),
    r('replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: ['all'], subresources: [scale(), STATUS] }),
    r('statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], subresources: [scale(), STATUS] }),
  ]),
  ...gv('authentication.k8s.io', 'v1', [
    r('selfsubjectreviews', 'SelfSubjectReview', false, { verbs: ['create'] }),
    r('tokenreviews', 'TokenReview', false, { verbs: ['create'] }),
  ]),
  ...gv('authorization.k8s.io', 'v1', [
    r('localsubjectaccessreviews', 'LocalSubjectAccessReview', true, { verbs: ['create'] }),
    r('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: ['create'] }),
    r('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: ['create'] }),
    r('subjectaccessreviews', 'SubjectAccessReview', false, { verbs: ['create'] }),
  ]),
  ...gv('autoscaling', 'v2', [r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: ['all'], subresources: [STATUS] })]),
  // served too, over the same storage (./hpa-v1-conversion.ts); v2 stays the preferred version
  ...gv('autoscaling', 'v1', [r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: ['all'], subresources: [STATUS] })]),
  ...gv('batch', 'v1', [
    r('cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], subresources: [STATUS] }),
    r('jobs', 'Job', true, { categories: ['all'], subresources: [STATUS] }),
  ]),
  ...gv('certificates.k8s.io', 'v1', [
    r('certificatesigningrequests', 'CertificateSigningRequest', false, {
      shortNames: ['csr'],
      subresources: [{ name: 'approval', verbs: ['get', 'patch', 'update'] }, STATUS],
    }),
  ]),
  ...gv('coordination.k8s.io', 'v1', [r('leases', 'Lease', true)]),
  ...gv('discovery.k8s.io', 'v1', [r('endpointslices', 'EndpointSlice', true)]),
  ...gv('events.k8s.io', 'v1', [r('events', 'Event', true, { shortNames: ['ev'] })]),
  ...gv('flowcontrol.apiserver.k8s.io', 'v1', [
    r('flowschemas', 'FlowSchema', false, { subresources: [STATUS] }),
    r('prioritylevelconfigurations', 'PriorityLevelConfiguration', false, { subresources: [STATUS] }),
  ]),
  ...gv('networking.k8s.io', 'v1', [
    r('ingressclasses', 'IngressClass', false),
    r('ingresses', 'Ingress', true, { shortNames: ['ing'], subresources: [STATUS] }),
    r('networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }),
  ]),
  ...gv('node.k8s.io', 'v1', [r('runtimeclasses', 'RuntimeClass', false)]),
  ...gv('policy', 'v1', [r('poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], subresources: [STATUS] })]),
  ...gv('rbac.authorization.k8s.io', 'v1', [
    r('clusterrolebindings', 'ClusterRoleBinding', false),
    r('clusterroles', 'ClusterRole', false),
    r('rolebindings', 'RoleBinding', true),
    r('roles', 'Role', true),
  ]),
  ...gv('scheduling.k8s.io', 'v1', [r('priorityclasses', 'PriorityClass', false, { shortNames: ['pc'] })]),
  ...gv('storage.k8s.io', 'v1', [
    r('csidrivers', 'CSIDriver', false),
    r('csinodes', 'CSINode', false),
    r('csistoragecapacities', 'CSIStorageCapacity', true),
    r('storageclasses', 'StorageClass', false, { shortNames: ['sc'] }),
    r('volumeattachments', 'VolumeAttachment', false, { subresources: [STATUS] }),
  ]),
];

// events.k8s.io/v1 Events live in the same storage as core v1 Events (one etcd key prefix, converted on the way).
for (const ri of RESOURCES) if (ri.group === 'events.k8s.io' && ri.resource === 'events') ri.storageKey = '/events';

/**
 * The order groups appear in /apis. The real server orders them by a fixed priority list
 * (pkg/controlplane/apiserver/options, the "group priority" of each APIService): apps, events, authentication, …
 */
export const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/** Aggregated groups whose APIService priority is below the CRDs'. */
export const LOW_PRIORITY_GROUPS = ['metrics.k8s.io'];

export class Registry {
  private byPath = new Map<string, ResourceInfo>();
  private byKind = new Map<string, ResourceInfo>();
  private list: ResourceInfo[] = [];

  constructor(resources: ResourceInfo[] = RESOURCES) {
    for (const ri of resources) this.add(ri);
  }

  add(ri: ResourceInfo): void {
    this.list.push(ri);
    this.byPath.set(`${ri.group}/${ri.version}/${ri.resource}`, ri);
    this.byKind.set(`${ri.group}/${ri.version}/${ri.kind}`, ri);
  }

  remove(group: string, version: string, resource: string): void {
    const ri = this.byPath.get(`${group}/${version}/${resource}`);
    if (!ri) return;
    this.byPath.delete(`${group}/${version}/${resource}`);
    this.byKind.delete(`${group}/${version}/${ri.kind}`);
    this.list = this.list.filter((x) => x !== ri);
  }

  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.byPath.get(`${group}/${version}/${resource}`);
  }

  byGroupVersionKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  all(): ResourceInfo[] {
    return this.list;
  }

  /** Group → versions (preferred first), groups in the server's order (unknown groups last, by name). */
  groups(): { group: string; versions: string[] }[] {
    const m = new Map<string, string[]>();
    for (const ri of this.list) {
      const vs = m.get(ri.group) ?? [];
      if (!vs.includes(ri.version)) vs.push(ri.version);
      m.set(ri.group, vs);
    }
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      if (i >= 0) return i;
      // CRD groups come with groupPriorityMinimum 1000, metrics-server's APIService with 100 (k3s
      // manifests/metrics-server/metrics-apiservice.yaml): lower priority sorts later.
      return LOW_PRIORITY_GROUPS.includes(g) ? GROUP_ORDER.length + 1 : GROUP_ORDER.length;
    };
    return [...m.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([group, versions]) => ({ group, versions }));
  }
}

/** `pods`, `deployments.apps`: the qualified resource that error messages print. */
export function qualifiedResource(ri: { group: string; resource: string }): string {
  return ri.group ? `${ri.resource}.${ri.group}` : ri.resource;
}

/** `Pod`, `Deployment.apps`: the qualified kind of Invalid messages. */
export function qualifiedKind(ri: { group: string; kind: string }): string {
  return ri.group ? `${ri.kind}.${ri.group}` : ri.kind;
}

export const apiVersionOf = (ri: { group: string; version: string }) => (ri.group ? `${ri.group}/${ri.version}` : ri.version);
