/**
 * Column definitions of the server-side Tables, in the order and with the names, types and priorities that
 * pkg/printers/internalversion/printers.go (AddHandlers) declares them. The server always prints wide
 * (GenerateOptions{Wide: true}); kubectl hides priority-1 columns unless `-o wide`.
 * Descriptions: the literal ones are the printer's own; the ones printers.go takes from SwaggerDoc() are
 * abbreviated to their first sentence (kubectl never prints them).
 */
import type { TableColumnDefinition } from './index';

export const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

type Col = [name: string, type: string, description: string, priority?: number, format?: string];

function cols(list: Col[]): TableColumnDefinition[] {
  return list.map(([name, type, description, priority = 0, format = '']) => ({ name, type, format, description, priority }));
}

const NAME: Col = ['Name', 'string', NAME_DOC, 0, 'name'];
const AGE: Col = ['Age', 'string', AGE_DOC];
const CONTAINERS: Col = ['Containers', 'string', 'Names of each container in the template.', 1];
const IMAGES: Col = ['Images', 'string', 'Images referenced by each container in the template.', 1];
const selectorCol = (d = 'A label query over pods that should match the replica count.'): Col => ['Selector', 'string', d, 1];

export const COLUMNS: Record<string, TableColumnDefinition[]> = {
  pods: cols([
    NAME,
    ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 'string', 'The aggregate status of the containers in this pod.'],
    ['Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'],
    AGE,
    ['IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1],
    ['Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1],
    ['Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', 1],
    ['Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1],
  ]),
  podtemplates: cols([
    NAME,
    ['Containers', 'string', 'Names of each container in the template.'],
    ['Images', 'string', 'Images referenced by each container in the template.'],
    ['Pod Labels', 'string', 'The labels for the pod template.'],
  ]),
  poddisruptionbudgets: cols([
    NAME,
    ['Min Available', 'string', 'The minimum number of pods that must be available.'],
    ['Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'],
    ['Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'],
    AGE,
  ]),
  replicationcontrollers: cols([
    NAME,
    ['Desired', 'integer', 'Replicas is the number of desired replicas.'],
    ['Current', 'integer', 'Replicas is the most recently observed number of replicas.'],
    ['Ready', 'integer', 'The number of ready replicas for this replication controller.'],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('Selector is a label query over pods that should match the Replicas count.'),
  ]),
  replicasets: cols([
    NAME,
    ['Desired', 'integer', 'Replicas is the number of desired replicas.'],
    ['Current', 'integer', 'Replicas is the most recently observed number of replicas.'],
    ['Ready', 'integer', 'The number of ready replicas for this replica set.'],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('Selector is a label query over pods that should match the replica count.'),
  ]),
  daemonsets: cols([
    NAME,
    ['Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'],
    ['Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'],
    ['Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'],
    ['Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'],
    ['Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'],
    ['Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('A label query over pods that are managed by the daemon set.'),
  ]),
  jobs: cols([
    NAME,
    ['Status', 'string', 'Status of the job.'],
    ['Completions', 'string', 'The number of pods which reached phase Succeeded.'],
    ['Duration', 'string', 'Time required to complete the job.'],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('A label query over pods that should match the pod count.'),
  ]),
  cronjobs: cols([
    NAME,
    ['Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'],
    ['Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'],
    ['Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.'],
    ['Active', 'integer', 'A list of pointers to currently running jobs.'],
    ['Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('A label query over pods that should match the pod count.'),
  ]),
  services: cols([
    NAME,
    ['Type', 'string', 'type determines how the Service is exposed.'],
    ['Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'],
    ['External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'],
    ['Port(s)', 'string', 'The list of ports that are exposed by this service.'],
    AGE,
    ['Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1],
  ]),
  ingresses: cols([
    NAME,
    ['Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'],
    ['Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'],
    ['Address', 'string', 'Address is a list containing ingress points for the load-balancer'],
    ['Ports', 'string', 'Ports of TLS configurations that open'],
    AGE,
  ]),
  ingressclasses: cols([
    NAME,
    ['Controller', 'string', 'Controller that is responsible for handling this class'],
    ['Parameters', 'string', 'A reference to a resource with additional parameters'],
    AGE,
  ]),
  statefulsets: cols([NAME, ['Ready', 'string', 'Number of the pod with ready state'], AGE, CONTAINERS, IMAGES]),
  endpoints: cols([NAME, ['Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'], AGE]),
  nodes: cols([
    NAME,
    ['Status', 'string', 'The status of the node'],
    ['Roles', 'string', 'The roles of the node'],
    AGE,
    ['Version', 'string', 'Kubelet Version reported by the node.'],
    ['Internal-IP', 'string', 'List of addresses reachable to the node.', 1],
    ['External-IP', 'string', 'List of addresses reachable to the node.', 1],
    ['OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1],
    ['Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1],
    ['Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1],
  ]),
  events: cols([
    ['Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'],
    ['Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'],
    ['Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."],
    ['Object', 'string', 'The object that this event is about.'],
    ['Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1],
    ['Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1],
    ['Message', 'string', 'A human-readable description of the status of this operation.'],
    ['First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1],
    ['Count', 'string', 'The number of times this event has occurred.', 1],
    ['Name', 'string', NAME_DOC, 1, 'name'],
  ]),
  namespaces: cols([NAME, ['Status', 'string', 'The status of the namespace'], AGE]),
  secrets: cols([
    NAME,
    ['Type', 'string', 'Used to facilitate programmatic handling of secret data.'],
    ['Data', 'string', 'Data contains the secret data.'],
    AGE,
  ]),
  serviceaccounts: cols([NAME, ['Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'], AGE]),
  persistentvolumes: cols([
    NAME,
    ['Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity."],
    ['Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'],
    ['Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'],
    ['Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'],
    ['Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'],
    ['StorageClass', 'string', 'StorageClass of the pv'],
    ['VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'],
    ['Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'],
    AGE,
    ['VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1],
  ]),
  persistentvolumeclaims: cols([
    NAME,
    ['Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'],
    ['Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'],
    ['Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'],
    ['Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'],
    ['StorageClass', 'string', 'StorageClass of the pvc'],
    ['VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'],
    AGE,
    ['VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1],
  ]),
  deployments: cols([
    NAME,
    ['Ready', 'string', 'Number of the pod with ready state'],
    ['Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'],
    ['Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'],
    AGE,
    CONTAINERS,
    IMAGES,
    selectorCol('Label selector for pods.'),
  ]),
  horizontalpodautoscalers: cols([
    NAME,
    ['Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'],
    ['Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'],
    ['MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'],
    ['MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'],
    ['Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'],
    AGE,
  ]),
  configmaps: cols([NAME, ['Data', 'string', 'Data contains the configuration data.'], AGE]),
  networkpolicies: cols([NAME, ['Pod-Selector', 'string', 'podSelector selects the pods to which this NetworkPolicy object applies.'], AGE]),
  rolebindings: cols([
    NAME,
    ['Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'],
    AGE,
    ['Users', 'string', 'Users in the roleBinding', 1],
    ['Groups', 'string', 'Groups in the roleBinding', 1],
    ['ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1],
  ]),
  clusterrolebindings: cols([
    NAME,
    ['Role', 'string', 'RoleRef can only reference a ClusterRole in the global namespace.'],
    AGE,
    ['Users', 'string', 'Users in the clusterRoleBinding', 1],
    ['Groups', 'string', 'Groups in the clusterRoleBinding', 1],
    ['ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', 1],
  ]),
  roles: cols([NAME, ['Created At', 'date', AGE_DOC]]),
  clusterroles: cols([NAME, ['Created At', 'date', AGE_DOC]]),
  leases: cols([NAME, ['Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'], AGE]),
  storageclasses: cols([
    NAME,
    ['Provisioner', 'string', 'provisioner indicates the type of the provisioner.'],
    ['ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'],
    ['VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'],
    ['AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'],
    AGE,
  ]),
  controllerrevisions: cols([
    NAME,
    ['Controller', 'string', 'Controller of the object'],
    ['Revision', 'string', 'Revision indicates the revision of the state represented by Data.'],
    AGE,
  ]),
  // kube-aggregator pkg/registry/apiservice/rest/storage.go ConvertToTable
  apiservices: cols([
    NAME,
    ['Service', 'string', 'The reference to the service that hosts this API endpoint.'],
    ['Available', 'string', 'Whether this service is available.'],
    AGE,
  ]),
  resourcequotas: cols([
    NAME,
    AGE,
    ['Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'],
    ['Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'],
  ]),
  priorityclasses: cols([
    NAME,
    ['Value', 'integer', 'value represents the integer value of this priority class.'],
    ['Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.'],
    AGE,
    ['PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority.'],
  ]),
  runtimeclasses: cols([NAME, ['Handler', 'string', 'handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class.'], AGE]),
  endpointslices: cols([
    NAME,
    ['AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'],
    ['Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'],
    ['Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'],
    AGE,
  ]),
  limitranges: cols([NAME, ['Created At', 'date', AGE_DOC]]),
  mutatingwebhookconfigurations: cols([NAME, ['Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'], AGE]),
  validatingwebhookconfigurations: cols([NAME, ['Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'], AGE]),
  csinodes: cols([NAME, ['Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'], AGE]),
};

/** The DefaultTableConvertor of apiserver pkg/registry/rest/table.go, for resources without a printer. */
export const DEFAULT_COLUMNS: TableColumnDefinition[] = cols([NAME, ['Created At', 'date', AGE_DOC]]);
