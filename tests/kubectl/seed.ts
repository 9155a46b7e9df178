/** Seeds an ApiServer with realistic objects (as a k3d cluster would hold them) through the REST API only. */
import type { ApiHandler, KubeObject } from '../../src/sim/apiserver/types';

function call(api: ApiHandler, method: 'POST' | 'PUT' | 'GET', path: string, body?: unknown): KubeObject {
  const r = api.handle({ method, path, body, headers: { 'content-type': 'application/json' } });
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as KubeObject;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `now` is the server clock; objects are created "hours ago" by stamping their status times relative to it. */
export function seedCluster(api: ApiHandler, now: number): void {
  const t = (minutesAgo: number) => iso(now - minutesAgo * 60_000);
  for (const ns of ['default', 'kube-system', 'kube-node-lease']) {
    const r = api.handle({ method: 'GET', path: `/api/v1/namespaces/${ns}` });
    if (r.status === 404) call(api, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  const node = call(api, 'POST', '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'k3d-dev-server-0',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': 'k3s',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'k3d-dev-server-0',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': 'true',
        'node-role.kubernetes.io/master': 'true',
      },
      annotations: { 'k3s.io/hostname': 'k3d-dev-server-0', 'k3s.io/internal-ip': '172.18.0.2', 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'], providerID: 'k3s://k3d-dev-server-0' },
  });
  call(api, 'PUT', '/api/v1/nodes/k3d-dev-server-0/status', {
    ...node,
    status: {
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'k3d-dev-server-0' },
      ],
      capacity: { cpu: '4', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16365060Ki', pods: '110' },
      allocatable: { cpu: '4', 'ephemeral-storage': '99834798412', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16365060Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: t(1), lastTransitionTime: t(300), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: t(1), lastTransitionTime: t(300), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: t(1), lastTransitionTime: t(300), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: t(1), lastTransitionTime: t(299), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        machineID: '',
        systemUUID: '8d5d6c1e-0f0a-4d3c-9b66-2f4a1d0e7c11',
        bootID: '3c1f9a52-7b1e-4f0e-a5b6-9d2c8e7f6a01',
        kernelVersion: '6.8.0-1015-gcp',
        osImage: 'K3s v1.31.5+k3s1',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.23-k3s2',
        kubeletVersion: 'v1.31.5+k3s1',
        kubeProxyVersion: 'v1.31.5+k3s1',
      },
    },
  });
  const labels = { app: 'web', 'pod-template-hash': '7d4b9c8f6d' };
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'MODE', value: 'prod' }, { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        },
      ],
    },
  };
  const dep = call(api, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  });
  call(api, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', {
    ...dep,
    metadata: { ...dep.metadata, annotations: { ...(dep.metadata.annotations ?? {}) } },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: t(170), lastTransitionTime: t(170), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: t(170), lastTransitionTime: t(180), reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-7d4b9c8f6d" has successfully progressed.' },
      ],
    },
  });
  const rs = call(api, 'POST', '/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-7d4b9c8f6d',
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: dep.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { ...template, metadata: { labels } } },
  });
  call(api, 'PUT', '/apis/apps/v1/namespaces/default/replicasets/web-7d4b9c8f6d/status', { ...rs, status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 } });
  for (const [i, suffix] of ['2xkqz', 'h8zvn'].entries()) {
    const name = `web-7d4b9c8f6d-${suffix}`;
    const pod = call(api, 'POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
      spec: { ...template.spec, nodeName: 'k3d-dev-server-0' },
    });
    call(api, 'PUT', `/api/v1/namespaces/default/pods/${name}/status`, {
      ...pod,
      status: {
        phase: 'Running',
        hostIP: '172.18.0.2',
        hostIPs: [{ ip: '172.18.0.2' }],
        podIP: `10.42.0.${5 + i}`,
        podIPs: [{ ip: `10.42.0.${5 + i}` }],
        startTime: t(175),
        qosClass: 'Burstable',
        conditions: [
          { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: t(174) },
          { type: 'Initialized', status: 'True', lastTransitionTime: t(175) },
          { type: 'Ready', status: 'True', lastTransitionTime: t(173) },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: t(173) },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: t(175) },
        ],
        containerStatuses: [
          {
            name: 'nginx',
            image: 'docker.io/library/nginx:1.27',
            imageID: 'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
            containerID: `containerd://${'ab12cd34'.repeat(8)}`,
            ready: true,
            started: true,
            restartCount: i,
            state: { running: { startedAt: t(174) } },
            ...(i ? { lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: t(176), finishedAt: t(175) } } } : {}),
          },
        ],
      },
    });
  }
  const svc = call(api, 'POST', '/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 }] },
  });
  call(api, 'POST', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
    addressType: 'IPv4',
    endpoints: [
      { addresses: ['10.42.0.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'k3d-dev-server-0' },
      { addresses: ['10.42.0.6'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'k3d-dev-server-0' },
    ],
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  });
  call(api, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { 'app.properties': 'mode=prod\nlevel=info', greeting: 'hello' } });
  call(api, 'POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'Opaque', data: { password: 'czNjcjN0', user: 'YWRtaW4=' } });
  const podName = 'web-7d4b9c8f6d-2xkqz';
  const pod = call(api, 'GET', `/api/v1/namespaces/default/pods/${podName}`);
  const ev = (name: string, reason: string, message: string, from: string, minutes: number, count = 1, type = 'Normal', first = minutes) =>
    call(api, 'POST', '/api/v1/namespaces/default/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: podName, namespace: 'default', uid: pod.metadata.uid, fieldPath: 'spec.containers{nginx}' },
      reason,
      message,
      source: { component: from, host: from === 'kubelet' ? 'k3d-dev-server-0' : undefined },
      firstTimestamp: t(first),
      lastTimestamp: t(minutes),
      count,
      type,
    });
  ev(`${podName}.1`, 'Scheduled', `Successfully assigned default/${podName} to k3d-dev-server-0`, 'default-scheduler', 175);
  ev(`${podName}.2`, 'Pulled', 'Container image "nginx:1.27" already present on machine', 'kubelet', 175);
  ev(`${podName}.3`, 'Created', 'Created container nginx', 'kubelet', 174);
  ev(`${podName}.4`, 'Started', 'Started container nginx', 'kubelet', 174);
  ev(`${podName}.5`, 'Unhealthy', 'Readiness probe failed: connection refused', 'kubelet', 30, 12, 'Warning', 170);
}
