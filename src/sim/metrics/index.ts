/** The resource metrics pipeline: usage model, metrics-server and the metrics.k8s.io API it backs. */
export { MetricsServer, METRIC_RESOLUTION_MS } from './server';
export { MetricsApi, METRICS_RESOURCES, cpuQuantity, memoryQuantity } from './api';
export { containerDemand, CpuMeter } from './usage';
