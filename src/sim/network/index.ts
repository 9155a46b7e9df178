/** The cluster network: kube-proxy's service routing and CoreDNS's answers, computed from API objects. */
export { ClusterNetwork, CLUSTER_DNS_IP, CLUSTER_DOMAIN, DEFAULT_HOST_GATEWAY, type NetworkOptions } from './view';
export { dnsLookup, dnsServing, resolvConf, searchPath, candidates, type DnsResult, type DnsAnswer } from './dns';
export { route, pickEndpoint, lbIngressIPs, type ConnectFailure, type Destination, type RouteOptions, type PickOptions } from './proxy';
export { httpRequest, ping, parseUrl, CONNECT_TIMEOUT_MS, DNS_TIMEOUT_MS, type From, type HttpOptions, type HttpResponse, type HttpFailure, type HttpFailureKind } from './http';
export { catalogResponder, type PodHttpResponder } from './responder';
export { podNetwork } from './pod-network';

import { ClusterNetwork, type NetworkOptions } from './view';

/** Creates and starts the network view (informers on Services, EndpointSlices, Pods, Nodes). */
export function startClusterNetwork(opts: NetworkOptions): ClusterNetwork {
  const net = new ClusterNetwork(opts);
  net.start();
  return net;
}
