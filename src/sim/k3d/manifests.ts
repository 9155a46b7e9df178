/**
 * The kube-system workloads a k3s server deploys at start, as API objects (written from k3s-io/k3s manifests/:
 * coredns.yaml, local-storage.yaml, metrics-server/*.yaml, and the traefik HelmChart that the helm-controller
 * turns into the helm-install-traefik-crd / helm-install-traefik Jobs). Only the fields a learner meets are kept,
 * with k3s's own values (labels, probes, priority classes, tolerations, images).
 */
import type { KubeObject } from '../apiserver/types';
import { K3S_SYSTEM_IMAGES } from '../images/catalog';

const NS = 'kube-system';

const CRITICAL_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];

export function corednsObjects(nodeHosts: string): KubeObject[] {
  const corefile = [
    '.:53 {',
    '    errors',
    '    health',
    '    ready',
    '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
    '      pods insecure',
    '      fallthrough in-addr.arpa ip6.arpa',
    '    }',
    '    hosts /etc/coredns/NodeHosts {',
    '      ttl 60',
    '      reload 15s',
    '      fallthrough',
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '    import /etc/coredns/custom/*.override',
    '}',
    'import /etc/coredns/custom/*.server',
    '',
  ].join('\n');
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: NS } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: NS }, data: { Corefile: corefile, NodeHosts: nodeHosts } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: NS, labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        revisionHistoryLimit: 0,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: CRITICAL_TOLERATIONS,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            containers: [
              {
                name: 'coredns',
                image: K3S_SYSTEM_IMAGES.coredns,
                imagePullPolicy: 'IfNotPresent',
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                args: ['-conf', '/etc/coredns/Corefile'],
                volumeMounts: [
                  { name: 'config-volume', mountPath: '/etc/coredns', readOnly: true },
                  { name: 'custom-config-volume', mountPath: '/etc/coredns/custom', readOnly: true },
                ],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['all'] }, readOnlyRootFilesystem: true },
                livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
              },
            ],
            dnsPolicy: 'Default',
            volumes: [
              { name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }, { key: 'NodeHosts', path: 'NodeHosts' }] } },
              { name: 'custom-config-volume', configMap: { name: 'coredns-custom', optional: true } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: NS,
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: '10.43.0.10',
        clusterIPs: ['10.43.0.10'],
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
        ipFamilyPolicy: 'SingleStack',
      },
    },
  ];
}

export function localStorageObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'local-path-provisioner-service-account', namespace: NS } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: NS },
      spec: {
        revisionHistoryLimit: 0,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { app: 'local-path-provisioner' } },
        template: {
          metadata: { labels: { app: 'local-path-provisioner' } },
          spec: {
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'local-path-provisioner-service-account',
            tolerations: CRITICAL_TOLERATIONS,
            containers: [
              {
                name: 'local-path-provisioner',
                image: K3S_SYSTEM_IMAGES.localPath,
                imagePullPolicy: 'IfNotPresent',
                command: ['local-path-provisioner', 'start', '--config', '/etc/config/config.json'],
                volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
                env: [
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' },
                ],
              },
            ],
            volumes: [{ name: 'config-volume', configMap: { name: 'local-path-config' } }],
          },
        },
      },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path', annotations: { 'defaultVolumeType': 'local', 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: 'Delete',
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'local-path-config', namespace: NS },
      data: {
        'config.json': '{\n  "nodePathMap":[\n  {\n    "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n    "paths":["/var/lib/rancher/k3s/storage"]\n  }\n  ]\n}',
        setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "${VOL_DIR}"\nchmod 700 "${VOL_DIR}/.."',
        teardown: '#!/bin/sh\nset -eu\nrm -rf "${VOL_DIR}"',
        'helperPod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: helper-pod\nspec:\n  containers:\n  - name: helper-pod\n    image: "rancher/mirrored-library-busybox:1.36.1"\n    imagePullPolicy: IfNotPresent\n',
      },
    },
  ];
}

export function metricsServerObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NS } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: NS, labels: { 'k8s-app': 'metrics-server' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'metrics-server' } },
        template: {
          metadata: { name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' } },
          spec: {
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'metrics-server',
            tolerations: CRITICAL_TOLERATIONS,
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
            containers: [
              {
                name: 'metrics-server',
                image: K3S_SYSTEM_IMAGES.metricsServer,
                imagePullPolicy: 'IfNotPresent',
                args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
                resources: { requests: { cpu: '100m', memory: '70Mi' } },
                ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
                readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 2, failureThreshold: 3, initialDelaySeconds: 2 },
                livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, initialDelaySeconds: 2, periodSeconds: 10, failureThreshold: 3 },
                securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false },
                volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: NS, labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' } },
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
  ];
}

/** The Jobs the helm-controller creates for the traefik and traefik-crd HelmCharts. */
export function helmInstallJob(chart: 'traefik' | 'traefik-crd', chartUID: string): KubeObject {
  const name = `helm-install-${chart}`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: NS,
      labels: { 'helmcharts.helm.cattle.io/chart': chart },
      annotations: { 'helmcharts.helm.cattle.io/configHash': `SHA256=${chartUID.replace(/-/g, '').toUpperCase().padEnd(64, '0').slice(0, 64)}` },
    },
    spec: {
      backoffLimit: 1000,
      template: {
        metadata: { labels: { 'helmcharts.helm.cattle.io/chart': chart } },
        spec: {
          serviceAccountName: `helm-${chart}`,
          restartPolicy: 'OnFailure',
          priorityClassName: 'system-cluster-critical',
          tolerations: CRITICAL_TOLERATIONS,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'helm',
              image: K3S_SYSTEM_IMAGES.klipperHelm,
              imagePullPolicy: 'IfNotPresent',
              args: ['install'],
              env: [
                { name: 'NAME', value: chart },
                { name: 'VERSION', value: '' },
                { name: 'REPO', value: '' },
                { name: 'HELM_DRIVER', value: 'secret' },
                { name: 'CHART_NAMESPACE', value: NS },
                { name: 'CHART', value: `https://%{KUBERNETES_API}%/static/charts/${chart}-27.0.201+up27.0.2.tgz` },
                { name: 'TARGET_NAMESPACE', value: NS },
              ],
            },
          ],
        },
      },
    },
  };
}

/** What `helm install traefik` leaves behind: the traefik Deployment and its LoadBalancer Service. */
export function traefikObjects(): KubeObject[] {
  const labels = { 'app.kubernetes.io/instance': 'traefik-kube-system', 'app.kubernetes.io/name': 'traefik' };
  const meta = (name: string) => ({
    name,
    namespace: NS,
    labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'traefik-27.0.201_up27.0.2' },
    annotations: { 'meta.helm.sh/release-name': 'traefik', 'meta.helm.sh/release-namespace': NS },
  });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('traefik') },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('traefik'),
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'traefik-27.0.201_up27.0.2' }, annotations: { 'prometheus.io/path': '/metrics', 'prometheus.io/port': '9100', 'prometheus.io/scrape': 'true' } },
          spec: {
            serviceAccountName: 'traefik',
            terminationGracePeriodSeconds: 60,
            hostNetwork: false,
            priorityClassName: 'system-cluster-critical',
            tolerations: CRITICAL_TOLERATIONS,
            securityContext: { runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532 },
            containers: [
              {
                name: 'traefik',
                image: K3S_SYSTEM_IMAGES.traefik,
                imagePullPolicy: 'IfNotPresent',
                args: ['--global.checknewversion', '--global.sendanonymoususage', '--entrypoints.metrics.address=:9100/tcp', '--entrypoints.traefik.address=:9000/tcp', '--entrypoints.web.address=:8000/tcp', '--entrypoints.websecure.address=:8443/tcp', '--api.dashboard=true', '--ping=true', '--metrics.prometheus=true', '--metrics.prometheus.entrypoint=metrics', '--providers.kubernetescrd', '--providers.kubernetesingress', '--providers.kubernetesingress.ingressendpoint.publishedservice=kube-system/traefik', '--entrypoints.websecure.http.tls=true'],
                ports: [
                  { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
                  { name: 'traefik', containerPort: 9000, protocol: 'TCP' },
                  { name: 'web', containerPort: 8000, protocol: 'TCP' },
                  { name: 'websecure', containerPort: 8443, protocol: 'TCP' },
                ],
                readinessProbe: { httpGet: { path: '/ping', port: 9000, scheme: 'HTTP' }, initialDelaySeconds: 2, periodSeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 1 },
                livenessProbe: { httpGet: { path: '/ping', port: 9000, scheme: 'HTTP' }, initialDelaySeconds: 2, periodSeconds: 10, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3 },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('traefik'),
      spec: {
        type: 'LoadBalancer',
        selector: labels,
        ports: [
          { name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' },
          { name: 'websecure', port: 443, protocol: 'TCP', targetPort: 'websecure' },
        ],
      },
    },
  ];
}

/**
 * k3s ServiceLB (pkg/cloudprovider/servicelb.go): one DaemonSet per LoadBalancer Service, named
 * svclb-<service>-<first 8 characters of the service UID>, one klipper-lb container per port holding the
 * host port and forwarding to the ClusterIP.
 */
export function svclbDaemonSet(svc: KubeObject): KubeObject {
  const name = `svclb-${svc.metadata.name}-${svc.metadata.uid!.slice(0, 8)}`;
  const labels = { app: name, 'svccontroller.k3s.cattle.io/svcname': svc.metadata.name!, 'svccontroller.k3s.cattle.io/svcnamespace': svc.metadata.namespace! };
  const clusterIP = svc.spec?.clusterIP ?? '';
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: NS,
      labels: { 'objectset.rio.cattle.io/hash': svc.metadata.uid!.replace(/-/g, '').slice(0, 40), ...labels },
      annotations: {
        'objectset.rio.cattle.io/applied': '',
        'objectset.rio.cattle.io/id': 'svccontroller',
        'objectset.rio.cattle.io/owner-gvk': '/v1, Kind=Service',
        'objectset.rio.cattle.io/owner-name': svc.metadata.name!,
        'objectset.rio.cattle.io/owner-namespace': svc.metadata.namespace!,
      },
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'svclb',
          automountServiceAccountToken: false,
          priorityClassName: 'system-node-critical',
          securityContext: { sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }] },
          tolerations: [
            { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
          ],
          containers: (svc.spec?.ports ?? []).map((p: { port: number; protocol?: string }) => ({
            name: `lb-${(p.protocol ?? 'TCP').toLowerCase()}-${p.port}`,
            image: K3S_SYSTEM_IMAGES.klipperLb,
            imagePullPolicy: 'IfNotPresent',
            ports: [{ name: `lb-${(p.protocol ?? 'TCP').toLowerCase()}-${p.port}`, containerPort: p.port, hostPort: p.port, protocol: p.protocol ?? 'TCP' }],
            env: [
              { name: 'SRC_PORT', value: String(p.port) },
              { name: 'SRC_RANGES', value: '0.0.0.0/0' },
              { name: 'DEST_PROTO', value: p.protocol ?? 'TCP' },
              { name: 'DEST_PORT', value: String(p.port) },
              { name: 'DEST_IPS', value: clusterIP },
            ],
            securityContext: { capabilities: { add: ['NET_ADMIN'] } },
          })),
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    },
  };
}

export const PRIORITY_CLASSES: KubeObject[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, globalDefault: false, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, globalDefault: false, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' },
];
