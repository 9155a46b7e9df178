/**
 * The RBAC objects of a fresh k3s cluster, as our own data:
 * - kube-apiserver's bootstrap policy (the rbac/bootstrap-roles post-start hook): the ClusterRoles and
 *   ClusterRoleBindings of plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, the controllers' roles of
 *   controller_policy.go (one per kube-controller-manager controller, bound to its kube-system ServiceAccount) and
 *   the kube-system / kube-public Roles of namespace_policy.go. The expected output of that code is checked in
 *   beside it (bootstrappolicy/testdata/*.yaml); rules list verbs and resources sorted because NewRule builds them
 *   from sets. Controllers behind feature gates that are off in v1.31 (DRA, SELinux warnings, service CIDRs,
 *   volume attributes classes) are left out.
 * - k3s's own: system:k3s-controller and kube-apiserver-kubelet-admin (pkg/server and manifests/rolebindings.yaml),
 *   and what its packaged manifests carry (coredns.yaml, local-storage.yaml, metrics-server/*.yaml).
 * admin, edit and view carry an aggregationRule and no rules of their own: the clusterrole-aggregation
 * controller fills them from the roles labelled aggregate-to-admin/edit/view.
 */
import type { KubeObject } from '../apiserver/types';
import type { PolicyRule } from '../apiserver/authorization/rules';

const RBAC = 'rbac.authorization.k8s.io/v1';
const API_GROUP = 'rbac.authorization.k8s.io';
const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

const words = (s: string) => (s ? s.split(' ') : []);
/** rule('get list watch', 'core apps', 'pods pods/log', 'name1') — `core` is the legacy group "". */
const rule = (verbs: string, groups: string, resources: string, names?: string): PolicyRule => {
  const r: PolicyRule = { verbs: words(verbs), apiGroups: words(groups).map((g) => (g === 'core' ? '' : g)), resources: words(resources) };
  if (names) r.resourceNames = words(names);
  return r;
};
const urls = (verbs: string, list: string): PolicyRule => ({ verbs: words(verbs), nonResourceURLs: words(list) });

const READ = 'get list watch';
const WRITE = 'create delete deletecollection patch update';
const ALL = 'create delete deletecollection get list patch update watch';
const EVENTS = rule('create patch update', 'core events.k8s.io', 'events');

function clusterRole(name: string, rules: PolicyRule[], extra: { labels?: Record<string, string>; aggregateTo?: string; bootstrap?: boolean } = {}): KubeObject {
  const bootstrap = extra.bootstrap ?? true;
  const labels = { ...(bootstrap ? BOOTSTRAP_LABEL : {}), ...(extra.labels ?? {}) };
  const o: KubeObject = { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name } };
  if (bootstrap) o.metadata.annotations = { ...AUTOUPDATE };
  if (Object.keys(labels).length) o.metadata.labels = labels;
  if (extra.aggregateTo) o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${extra.aggregateTo}`]: 'true' } }] };
  // an aggregated role starts without rules (null): the aggregation controller writes them
  if (!extra.aggregateTo) o.rules = rules;
  return o;
}

type SubjectSpec = string; // 'User:name', 'Group:name', 'ServiceAccount:ns/name'
function subjects(list: SubjectSpec[]): Record<string, string>[] {
  return list.map((s): Record<string, string> => {
    const [kind, rest] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    if (kind === 'ServiceAccount') {
      const [namespace, name] = rest.split('/');
      return { kind, name, namespace };
    }
    return { apiGroup: API_GROUP, kind, name: rest };
  });
}

function clusterRoleBinding(name: string, role: string, subs: SubjectSpec[], bootstrap = true): KubeObject {
  const o: KubeObject = { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name } };
  if (bootstrap) {
    o.metadata.annotations = { ...AUTOUPDATE };
    o.metadata.labels = { ...BOOTSTRAP_LABEL };
  }
  o.roleRef = { apiGroup: API_GROUP, kind: 'ClusterRole', name: role };
  if (subs.length) o.subjects = subjects(subs);
  return o;
}

function role(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace, annotations: { ...AUTOUPDATE }, labels: { ...BOOTSTRAP_LABEL } }, rules };
}

function roleBinding(namespace: string, name: string, roleName: string, subs: SubjectSpec[], bootstrap = true): KubeObject {
  const o: KubeObject = { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace } };
  if (bootstrap) {
    o.metadata.annotations = { ...AUTOUPDATE };
    o.metadata.labels = { ...BOOTSTRAP_LABEL };
  }
  o.roleRef = { apiGroup: API_GROUP, kind: 'Role', name: roleName };
  o.subjects = subjects(subs);
  return o;
}

/** policy.go ClusterRoles(). */
function systemClusterRoles(): KubeObject[] {
  const signer = (name: string, signerName: string) =>
    clusterRole(`system:certificates.k8s.io:${name}`, [rule('approve', 'certificates.k8s.io', 'signers', signerName)]);
  return [
    clusterRole('admin', [], { aggregateTo: 'admin' }),
    clusterRole('cluster-admin', [rule('*', '*', '*'), urls('*', '*')]),
    clusterRole('edit', [], { aggregateTo: 'edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }),
    clusterRole('system:aggregate-to-admin', [rule('create', 'authorization.k8s.io', 'localsubjectaccessreviews'), rule(ALL, API_GROUP, 'rolebindings roles')], {
      labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    }),
    clusterRole(
      'system:aggregate-to-edit',
      [
        rule(READ, 'core', 'pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy'),
        rule('impersonate', 'core', 'serviceaccounts'),
        rule(WRITE, 'core', 'pods pods/attach pods/exec pods/portforward pods/proxy'),
        rule('create', 'core', 'pods/eviction'),
        rule(WRITE, 'core', 'configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy'),
        rule('create', 'core', 'serviceaccounts/token'),
        rule(WRITE, 'apps', 'daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale'),
        rule(WRITE, 'autoscaling', 'horizontalpodautoscalers'),
        rule(WRITE, 'batch', 'cronjobs jobs'),
        rule(WRITE, 'extensions', 'daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale'),
        rule(WRITE, 'policy', 'poddisruptionbudgets'),
        rule(WRITE, 'networking.k8s.io', 'ingresses networkpolicies'),
        rule(ALL, 'coordination.k8s.io', 'leases'),
      ],
      { labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
    ),
    clusterRole(
      'system:aggregate-to-view',
      [
        rule(READ, 'core', 'configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status'),
        rule(READ, 'core', 'bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status'),
        rule(READ, 'core', 'namespaces'),
        rule(READ, 'discovery.k8s.io', 'endpointslices'),
        rule(READ, 'apps', 'controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status'),
        rule(READ, 'autoscaling', 'horizontalpodautoscalers horizontalpodautoscalers/status'),
        rule(READ, 'batch', 'cronjobs cronjobs/status jobs jobs/status'),
        rule(READ, 'extensions', 'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale'),
        rule(READ, 'policy', 'poddisruptionbudgets poddisruptionbudgets/status'),
        rule(READ, 'networking.k8s.io', 'ingresses ingresses/status networkpolicies'),
      ],
      { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    ),
    clusterRole('system:auth-delegator', [rule('create', 'authentication.k8s.io', 'tokenreviews'), rule('create', 'authorization.k8s.io', 'subjectaccessreviews')]),
    clusterRole('system:basic-user', [
      rule('create', 'authorization.k8s.io', 'selfsubjectaccessreviews selfsubjectrulesreviews'),
      rule('create', 'authentication.k8s.io', 'selfsubjectreviews'),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule('create', 'certificates.k8s.io', 'certificatesigningrequests/nodeclient')]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule('create', 'certificates.k8s.io', 'certificatesigningrequests/selfnodeclient')]),
    signer('kube-apiserver-client-approver', 'kubernetes.io/kube-apiserver-client'),
    signer('kube-apiserver-client-kubelet-approver', 'kubernetes.io/kube-apiserver-client-kubelet'),
    signer('kubelet-serving-approver', 'kubernetes.io/kubelet-serving'),
    signer('legacy-unknown-approver', 'kubernetes.io/legacy-unknown'),
    clusterRole('system:discovery', [urls('get', '/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/')]),
    clusterRole('system:heapster', [rule(READ, 'core', 'events namespaces nodes pods'), rule(READ, 'extensions', 'deployments')]),
    clusterRole('system:kube-aggregator', [rule(READ, 'core', 'endpoints services')]),
    clusterRole('system:kube-controller-manager', [
      EVENTS,
      rule('create', 'coordination.k8s.io', 'leases'),
      rule('get update', 'coordination.k8s.io', 'leases', 'kube-controller-manager'),
      rule('create', 'core', 'secrets serviceaccounts'),
      rule('delete', 'core', 'secrets'),
      rule('get', 'core', 'configmaps namespaces secrets serviceaccounts'),
      rule('update', 'core', 'secrets serviceaccounts'),
      rule('create', 'authentication.k8s.io', 'tokenreviews'),
      rule('create', 'authorization.k8s.io', 'subjectaccessreviews'),
      rule('list watch', '*', '*'),
      rule('create', 'core', 'serviceaccounts/token'),
    ]),
    clusterRole('system:kube-dns', [rule('list watch', 'core', 'endpoints services')]),
    clusterRole('system:kube-scheduler', [
      EVENTS,
      rule('create', 'coordination.k8s.io', 'leases'),
      rule('get update', 'coordination.k8s.io', 'leases', 'kube-scheduler'),
      rule(READ, 'core', 'nodes'),
      rule('delete get list watch', 'core', 'pods'),
      rule('create', 'core', 'bindings pods/binding'),
      rule('patch update', 'core', 'pods/status'),
      rule(READ, 'core', 'replicationcontrollers services'),
      rule(READ, 'apps extensions', 'replicasets'),
      rule(READ, 'apps', 'statefulsets'),
      rule(READ, 'policy', 'poddisruptionbudgets'),
      rule(READ, 'core', 'persistentvolumeclaims persistentvolumes'),
      rule('create', 'authentication.k8s.io', 'tokenreviews'),
      rule('create', 'authorization.k8s.io', 'subjectaccessreviews'),
      rule(READ, 'storage.k8s.io', 'csinodes'),
      rule(READ, 'core', 'namespaces'),
      rule(READ, 'storage.k8s.io', 'csidrivers'),
      rule(READ, 'storage.k8s.io', 'csistoragecapacities'),
    ]),
    clusterRole('system:kubelet-api-admin', [rule(READ, 'core', 'nodes'), rule('proxy', 'core', 'nodes'), rule('*', 'core', 'nodes/log nodes/metrics nodes/proxy nodes/stats')]),
    clusterRole('system:monitoring', [urls('get', '/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*')]),
    clusterRole('system:node', [
      rule('create', 'authentication.k8s.io', 'tokenreviews'),
      rule('create', 'authorization.k8s.io', 'localsubjectaccessreviews subjectaccessreviews'),
      rule(READ, 'core', 'services'),
      rule('create get list watch', 'core', 'nodes'),
      rule('patch update', 'core', 'nodes/status'),
      rule('patch update', 'core', 'nodes'),
      rule('create patch update', 'core', 'events'),
      rule(READ, 'core', 'pods'),
      rule('create delete', 'core', 'pods'),
      rule('patch update', 'core', 'pods/status'),
      rule('create', 'core', 'pods/eviction'),
      rule(READ, 'core', 'configmaps secrets'),
      rule('get', 'core', 'persistentvolumeclaims persistentvolumes'),
      rule('get', 'core', 'endpoints'),
      rule('create get list watch', 'certificates.k8s.io', 'certificatesigningrequests'),
      rule('create delete get patch update', 'coordination.k8s.io', 'leases'),
      rule('get', 'storage.k8s.io', 'volumeattachments'),
      rule('create', 'core', 'serviceaccounts/token'),
      rule('get patch update', 'core', 'persistentvolumeclaims/status'),
      rule(READ, 'storage.k8s.io', 'csidrivers'),
      rule('create delete get patch update', 'storage.k8s.io', 'csinodes'),
      rule(READ, 'node.k8s.io', 'runtimeclasses'),
    ]),
    clusterRole('system:node-bootstrapper', [rule('create get list watch', 'certificates.k8s.io', 'certificatesigningrequests')]),
    clusterRole('system:node-problem-detector', [rule('get', 'core', 'nodes'), rule('patch', 'core', 'nodes/status'), EVENTS]),
    clusterRole('system:node-proxier', [rule('list watch', 'core', 'endpoints services'), rule(READ, 'core', 'nodes'), EVENTS, rule('list watch', 'discovery.k8s.io', 'endpointslices')]),
    clusterRole('system:persistent-volume-provisioner', [
      rule('create delete get list watch', 'core', 'persistentvolumes'),
      rule('get list update watch', 'core', 'persistentvolumeclaims'),
      rule(READ, 'storage.k8s.io', 'storageclasses'),
      rule('watch', 'core', 'events'),
      EVENTS,
    ]),
    clusterRole('system:public-info-viewer', [urls('get', '/healthz /livez /readyz /version /version/')]),
    clusterRole('system:service-account-issuer-discovery', [urls('get', '/.well-known/openid-configuration /openid/v1/jwks')]),
    clusterRole('system:volume-scheduler', [rule('get list patch update watch', 'core', 'persistentvolumes'), rule(READ, 'storage.k8s.io', 'storageclasses'), rule('get list patch update watch', 'core', 'persistentvolumeclaims')]),
    clusterRole('view', [], { aggregateTo: 'view', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }),
  ];
}

/** controller_policy.go: one role per controller, bound to kube-system/<controller>. */
const CONTROLLER_ROLES: [string, PolicyRule[]][] = [
  ['attachdetach-controller', [
    rule('list watch', 'core', 'persistentvolumeclaims persistentvolumes'), rule(READ, 'core', 'nodes'), rule('patch update', 'core', 'nodes/status'),
    rule('list watch', 'core', 'pods'), EVENTS, rule('create delete get list watch', 'storage.k8s.io', 'volumeattachments'),
    rule(READ, 'storage.k8s.io', 'csidrivers'), rule(READ, 'storage.k8s.io', 'csinodes'),
  ]],
  ['certificate-controller', [
    rule('delete get list watch', 'certificates.k8s.io', 'certificatesigningrequests'),
    rule('update', 'certificates.k8s.io', 'certificatesigningrequests/approval certificatesigningrequests/status'),
    rule('approve', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
    rule('sign', 'certificates.k8s.io', 'signers', 'kubernetes.io/kube-apiserver-client kubernetes.io/kube-apiserver-client-kubelet kubernetes.io/kubelet-serving kubernetes.io/legacy-unknown'),
    rule('create', 'authorization.k8s.io', 'subjectaccessreviews'), EVENTS,
  ]],
  ['clusterrole-aggregation-controller', [rule('escalate get list patch update watch', API_GROUP, 'clusterroles')]],
  ['cronjob-controller', [
    rule('get list update watch', 'batch', 'cronjobs'), rule('create delete get list patch update watch', 'batch', 'jobs'), rule('update', 'batch', 'cronjobs/status'),
    rule('update', 'batch', 'cronjobs/finalizers'), rule('delete list watch', 'core', 'pods'), EVENTS,
  ]],
  ['daemon-set-controller', [
    rule(READ, 'apps extensions', 'daemonsets'), rule('update', 'apps extensions', 'daemonsets/status'), rule('update', 'apps extensions', 'daemonsets/finalizers'),
    rule('list watch', 'core', 'nodes'), rule('create delete list patch watch', 'core', 'pods'), rule('create', 'core', 'pods/binding'),
    rule('create delete get list patch update watch', 'apps', 'controllerrevisions'), EVENTS,
  ]],
  ['deployment-controller', [
    rule('get list update watch', 'apps extensions', 'deployments'), rule('update', 'apps extensions', 'deployments/status'), rule('update', 'apps extensions', 'deployments/finalizers'),
    rule('create delete get list patch update watch', 'apps extensions', 'replicasets'), rule('get list update watch', 'core', 'pods'), EVENTS,
  ]],
  ['disruption-controller', [
    rule(READ, 'apps extensions', 'deployments'), rule(READ, 'apps extensions', 'replicasets'), rule(READ, 'core', 'replicationcontrollers'),
    rule(READ, 'policy', 'poddisruptionbudgets'), rule(READ, 'apps', 'statefulsets'), rule('update', 'policy', 'poddisruptionbudgets/status'),
    rule('patch update', 'core', 'pods/status'), rule('get', '*', '*/scale'), EVENTS,
  ]],
  ['endpoint-controller', [rule(READ, 'core', 'pods services'), rule('create delete get list update watch', 'core', 'endpoints'), rule('create', 'core', 'endpoints/restricted'), EVENTS]],
  ['endpointslice-controller', [rule(READ, 'core', 'nodes pods services'), rule('update', 'core', 'services/finalizers'), rule('create delete get list update watch', 'discovery.k8s.io', 'endpointslices'), EVENTS]],
  ['endpointslicemirroring-controller', [
    rule(READ, 'core', 'endpoints services'), rule('update', 'core', 'services/finalizers'), rule('update', 'core', 'endpoints/finalizers'),
    rule('create delete get list update watch', 'discovery.k8s.io', 'endpointslices'), EVENTS,
  ]],
  ['ephemeral-volume-controller', [rule(READ, 'core', 'pods'), rule('update', 'core', 'pods/finalizers'), rule('create get list watch', 'core', 'persistentvolumeclaims'), EVENTS]],
  ['expand-controller', [rule('get list patch update watch', 'core', 'persistentvolumes'), rule('patch update', 'core', 'persistentvolumeclaims/status'), rule(READ, 'core', 'persistentvolumeclaims'), EVENTS]],
  ['generic-garbage-collector', [rule('delete get list patch update watch', '*', '*'), EVENTS]],
  ['horizontal-pod-autoscaler', [
    rule(READ, 'autoscaling', 'horizontalpodautoscalers'), rule('update', 'autoscaling', 'horizontalpodautoscalers/status'), rule('get update', '*', '*/scale'),
    rule('list watch', 'core', 'pods'), rule('list watch', 'metrics.k8s.io', 'pods'), rule(READ, 'custom.metrics.k8s.io', '*'), rule(READ, 'external.metrics.k8s.io', '*'), EVENTS,
  ]],
  ['job-controller', [
    rule('get list patch update watch', 'batch', 'jobs'), rule('update', 'batch', 'jobs/status'), rule('update', 'batch', 'jobs/finalizers'),
    rule('create delete list patch watch', 'core', 'pods'), EVENTS,
  ]],
  ['legacy-service-account-token-cleaner', [rule('get', 'core', 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'), rule('delete patch', 'core', 'secrets')]],
  ['namespace-controller', [rule('delete get list watch', 'core', 'namespaces'), rule('update', 'core', 'namespaces/finalize namespaces/status'), rule('delete deletecollection get list watch', '*', '*')]],
  ['node-controller', [
    rule('delete get list patch update watch', 'core', 'nodes'), rule('patch update', 'core', 'nodes/status'), rule('patch update', 'core', 'pods/status'),
    rule('delete get list watch', 'core', 'pods'), EVENTS,
  ]],
  ['persistent-volume-binder', [
    rule('create delete get list update watch', 'core', 'persistentvolumes'), rule('update', 'core', 'persistentvolumes/status'),
    rule('get list update watch', 'core', 'persistentvolumeclaims'), rule('update', 'core', 'persistentvolumeclaims/status'),
    rule('create delete get list watch', 'core', 'pods'), rule(READ, 'storage.k8s.io', 'storageclasses'), rule('list watch', 'core', 'nodes'), EVENTS, rule('watch', 'core', 'events'),
  ]],
  ['pod-garbage-collector', [rule('delete list watch', 'core', 'pods'), rule(READ, 'core', 'nodes'), rule('patch', 'core', 'pods/status')]],
  ['pv-protection-controller', [rule('get list update watch', 'core', 'persistentvolumes'), EVENTS]],
  ['pvc-protection-controller', [rule('get list update watch', 'core', 'persistentvolumeclaims'), rule('update', 'core', 'persistentvolumeclaims/status'), rule(READ, 'core', 'pods'), EVENTS]],
  ['replicaset-controller', [
    rule('get list update watch', 'apps extensions', 'replicasets'), rule('update', 'apps extensions', 'replicasets/status'), rule('update', 'apps extensions', 'replicasets/finalizers'),
    rule('create delete list patch watch', 'core', 'pods'), EVENTS,
  ]],
  ['replication-controller', [
    rule('get list update watch', 'core', 'replicationcontrollers'), rule('update', 'core', 'replicationcontrollers/status'), rule('update', 'core', 'replicationcontrollers/finalizers'),
    rule('create delete list patch watch', 'core', 'pods'), EVENTS,
  ]],
  ['resourcequota-controller', [rule('list watch', '*', '*'), rule('update', 'core', 'resourcequotas/status'), EVENTS]],
  ['root-ca-cert-publisher', [rule('create update', 'core', 'configmaps'), EVENTS]],
  ['route-controller', [rule('list watch', 'core', 'nodes'), rule('patch', 'core', 'nodes/status'), EVENTS]],
  ['service-account-controller', [rule('create', 'core', 'serviceaccounts'), EVENTS]],
  ['service-controller', [rule(READ, 'core', 'services'), rule('patch update', 'core', 'services/status'), rule('list watch', 'core', 'nodes'), EVENTS]],
  ['statefulset-controller', [
    rule('list watch', 'core', 'pods'), rule(READ, 'apps', 'statefulsets'), rule('update', 'apps', 'statefulsets/status'), rule('update', 'apps', 'statefulsets/finalizers'),
    rule('create delete get patch update', 'core', 'pods'), rule('create delete get list patch update watch', 'apps', 'controllerrevisions'),
    rule('create get list watch', 'core', 'persistentvolumeclaims'), rule('delete update', 'core', 'persistentvolumeclaims'), rule('update', 'core', 'pods/finalizers'), EVENTS,
  ]],
  ['ttl-after-finished-controller', [rule('delete get list watch', 'batch', 'jobs'), EVENTS]],
  ['ttl-controller', [rule('list patch update watch', 'core', 'nodes'), EVENTS]],
  ['validatingadmissionpolicy-status-controller', [
    rule(READ, 'admissionregistration.k8s.io', 'validatingadmissionpolicies'), rule('get patch update', 'admissionregistration.k8s.io', 'validatingadmissionpolicies/status'), EVENTS,
  ]],
];

/** The bootstrap ClusterRoles, sorted by name as the store lists them. */
export function bootstrapClusterRoles(): KubeObject[] {
  return [...systemClusterRoles(), ...CONTROLLER_ROLES.map(([n, rules]) => clusterRole(`system:controller:${n}`, rules))];
}

export function bootstrapClusterRoleBindings(): KubeObject[] {
  return [
    clusterRoleBinding('cluster-admin', 'cluster-admin', ['Group:system:masters']),
    clusterRoleBinding('system:basic-user', 'system:basic-user', ['Group:system:authenticated']),
    clusterRoleBinding('system:discovery', 'system:discovery', ['Group:system:authenticated']),
    clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', ['User:system:kube-controller-manager']),
    clusterRoleBinding('system:kube-dns', 'system:kube-dns', ['ServiceAccount:kube-system/kube-dns']),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', ['User:system:kube-scheduler']),
    clusterRoleBinding('system:monitoring', 'system:monitoring', ['Group:system:monitoring']),
    clusterRoleBinding('system:node', 'system:node', []),
    clusterRoleBinding('system:node-proxier', 'system:node-proxier', ['User:system:kube-proxy']),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', ['Group:system:authenticated', 'Group:system:unauthenticated']),
    clusterRoleBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', ['Group:system:serviceaccounts']),
    clusterRoleBinding('system:volume-scheduler', 'system:volume-scheduler', ['User:system:kube-scheduler']),
    ...CONTROLLER_ROLES.map(([n]) => clusterRoleBinding(`system:controller:${n}`, `system:controller:${n}`, [`ServiceAccount:kube-system/${n}`])),
  ];
}

/** namespace_policy.go: Roles and RoleBindings in kube-system and kube-public. */
export function bootstrapNamespaceRoles(): KubeObject[] {
  const KS = 'kube-system';
  return [
    role(KS, 'extension-apiserver-authentication-reader', [rule('get list watch', 'core', 'configmaps', 'extension-apiserver-authentication')]),
    role(KS, 'system::leader-locking-kube-controller-manager', [rule('watch', 'core', 'configmaps'), rule('get update', 'core', 'configmaps', 'kube-controller-manager')]),
    role(KS, 'system::leader-locking-kube-scheduler', [rule('watch', 'core', 'configmaps'), rule('get update', 'core', 'configmaps', 'kube-scheduler')]),
    role(KS, 'system:controller:bootstrap-signer', [rule(READ, 'core', 'secrets')]),
    role(KS, 'system:controller:cloud-provider', [rule('create get list watch', 'core', 'configmaps')]),
    role(KS, 'system:controller:token-cleaner', [rule('delete get list watch', 'core', 'secrets'), EVENTS]),
    role('kube-public', 'system:controller:bootstrap-signer', [rule(READ, 'core', 'configmaps'), rule('update', 'core', 'configmaps', 'cluster-info'), EVENTS]),
    roleBinding(KS, 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', ['User:system:kube-controller-manager', 'User:system:kube-scheduler']),
    roleBinding(KS, 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', ['User:system:kube-controller-manager', 'ServiceAccount:kube-system/kube-controller-manager']),
    roleBinding(KS, 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', ['User:system:kube-scheduler', 'ServiceAccount:kube-system/kube-scheduler']),
    roleBinding(KS, 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', ['ServiceAccount:kube-system/bootstrap-signer']),
    roleBinding(KS, 'system:controller:cloud-provider', 'system:controller:cloud-provider', ['ServiceAccount:kube-system/cloud-provider']),
    roleBinding(KS, 'system:controller:token-cleaner', 'system:controller:token-cleaner', ['ServiceAccount:kube-system/token-cleaner']),
    roleBinding('kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', ['ServiceAccount:kube-system/bootstrap-signer']),
  ];
}

function ccmBinding(): KubeObject {
  const o = clusterRoleBinding('k3s-cloud-controller-manager', 'k3s-cloud-controller-manager', [], false);
  // this subject is written without an apiGroup and with a namespace, as in the manifest
  o.subjects = [{ kind: 'User', name: 'k3s-cloud-controller-manager', namespace: 'kube-system' }];
  return o;
}

/** What k3s itself adds at start (the supervisor's tunnel controller role and the apiserver→kubelet binding). */
export function k3sServerRbac(): KubeObject[] {
  return [
    clusterRole('system:k3s-controller', [
      rule('get', 'core', 'nodes'),
      rule('list watch', 'core', 'namespaces'),
      rule('list watch', 'networking.k8s.io', 'networkpolicies'),
      rule('list get watch', 'core', 'endpoints pods'),
    ], { bootstrap: false }),
    clusterRoleBinding('system:k3s-controller', 'system:k3s-controller', ['User:system:k3s-controller'], false),
    // the embedded cloud controller manager's identity (manifests/ccm.yaml; later k3s versions add ServiceLB rules)
    clusterRole('k3s-cloud-controller-manager', [
      rule('get create update', 'coordination.k8s.io', 'leases'),
      rule('create patch update', 'core', 'events'),
      rule('*', 'core', 'nodes'),
      rule('patch', 'core', 'nodes/status'),
      rule('list patch update watch', 'core', 'services'),
      rule('create', 'core', 'serviceaccounts'),
      rule('get list update watch', 'core', 'persistentvolumes'),
      rule('create get list watch update', 'core', 'endpoints'),
    ], { bootstrap: false }),
    ccmBinding(),
    clusterRoleBinding('kube-apiserver-kubelet-admin', 'system:kubelet-api-admin', ['User:kube-apiserver'], false),
  ];
}

/** RBAC objects of the packaged manifests the deploy controller applies (coredns, local-storage, metrics-server). */
export function k3sManifestRbac(): KubeObject[] {
  const crb = (name: string, roleName: string, subs: SubjectSpec[], labels?: Record<string, string>, annotations?: Record<string, string>) => {
    const o = clusterRoleBinding(name, roleName, subs, false);
    if (labels) o.metadata.labels = labels;
    if (annotations) o.metadata.annotations = annotations;
    return o;
  };
  const coredns = clusterRole('system:coredns', [rule('list watch', 'core', 'endpoints services pods namespaces'), rule('list watch', 'discovery.k8s.io', 'endpointslices')], {
    bootstrap: false,
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  });
  const metricsReader = clusterRole('system:aggregated-metrics-reader', [rule('get list watch', 'metrics.k8s.io', 'pods nodes')], {
    bootstrap: false,
    labels: {
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    },
  });
  const authReader = roleBinding('kube-system', 'metrics-server-auth-reader', 'extension-apiserver-authentication-reader', ['ServiceAccount:kube-system/metrics-server'], false);
  return [
    coredns,
    crb('system:coredns', 'system:coredns', ['ServiceAccount:kube-system/coredns'], { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, { ...AUTOUPDATE }),
    clusterRole('local-path-provisioner-role', [
      rule('get list watch', 'core', 'nodes persistentvolumeclaims configmaps pods pods/log'),
      rule('get list watch create patch update delete', 'core', 'persistentvolumes'),
      rule('create patch', 'core', 'events'),
      rule('get list watch', 'storage.k8s.io', 'storageclasses'),
    ], { bootstrap: false }),
    crb('local-path-provisioner-bind', 'local-path-provisioner-role', ['ServiceAccount:kube-system/local-path-provisioner-service-account']),
    metricsReader,
    crb('metrics-server:system:auth-delegator', 'system:auth-delegator', ['ServiceAccount:kube-system/metrics-server']),
    authReader,
    clusterRole('system:metrics-server', [rule('get', 'core', 'nodes/metrics'), rule('get list watch', 'core', 'pods nodes')], { bootstrap: false }),
    crb('system:metrics-server', 'system:metrics-server', ['ServiceAccount:kube-system/metrics-server']),
  ];
}

/** The helm-controller binds each chart installer's ServiceAccount to cluster-admin. */
export function helmInstallerBinding(chart: string): KubeObject {
  return clusterRoleBinding(`helm-kube-system-${chart}`, 'cluster-admin', [`ServiceAccount:kube-system/helm-${chart}`], false);
}

export const RBAC_PLURAL: Record<string, string> = { ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' };
