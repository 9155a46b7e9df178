/** The metrics pipeline's pure parts: usage model, counters, the kubelet's text format, storage, quantities. */
import { describe, expect, it } from 'vitest';
import { containerDemand, CpuMeter } from '../../src/sim/metrics/usage';
import { NodeStorage, PodStorage } from '../../src/sim/metrics/storage';
import { decodeResourceMetrics } from '../../src/sim/metrics/scrape';
import { cpuQuantity, goDurationMs, memoryQuantity } from '../../src/sim/metrics/api';
import { goFloat } from '../../src/sim/kubelet/stats';
import { CATALOG } from '../../src/sim/images/catalog';

const busybox = CATALOG.find((e) => e.repository === 'docker.io/library/busybox')!;
const nginx = CATALOG.find((e) => e.repository === 'docker.io/library/nginx')!;

describe('usage model', () => {
  it('reads what a command burns', () => {
    const busy = (argv: string[]) => containerDemand(busybox, argv, false).busyCores;
    expect(busy(['sh', '-c', 'while true; do :; done'])).toBe(1);
    expect(busy(['sh', '-c', 'yes > /dev/null'])).toBe(1);
    expect(busy(['sh', '-c', 'dd if=/dev/zero of=/dev/null'])).toBe(1);
    expect(busy(['stress', '--cpu', '2'])).toBe(2);
    const vm = containerDemand(busybox, ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], false);
    expect(vm.heldBytes).toBe(150e6);
    expect(vm.busyCores).toBe(0);
    // sleeping loops cost next to nothing; a fetch loop a little
    expect(busy(['sh', '-c', 'while true; do date; sleep 5; done'])).toBeLessThan(0.001);
    const load = busy(['sh', '-c', 'while sleep 0.01; do wget -q -O- http://web; done'])!;
    expect(load).toBeGreaterThan(0.1);
    expect(load).toBeLessThan(0.2);
    expect(busy(['sleep', '3600'])).toBe(0);
  });

  it('uses the catalog for an image running its own process', () => {
    const d = containerDemand(nginx, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], true);
    expect(d.cores).toBeCloseTo(nginx.usage!.cpuMilli / 1000, 9);
    expect(d.requestCpuSeconds).toBeCloseTo(nginx.usage!.requestCpuMs! / 1000, 9);
    expect(CATALOG.every((e) => e.usage !== undefined)).toBe(true);
  });

  it('integrates CPU monotonically, caps it at the limit and adds request work', () => {
    const m = new CpuMeter(0, { cores: 0, busyCores: 1, memoryBytes: 4096 * 100, requestCpuSeconds: 0.01 }, 0.5, 'x');
    const a = m.observe(15_000);
    expect(a).toBeCloseTo(7.5, 6); // capped at half a core over 15 s
    const idle = new CpuMeter(0, { cores: 0.1, memoryBytes: 0, requestCpuSeconds: 0.01 }, 4, 'y');
    const u1 = idle.observe(15_000);
    expect(u1).toBeGreaterThan(1.5 * 0.9);
    expect(u1).toBeLessThan(1.5 * 1.1);
    for (let i = 0; i < 100; i++) idle.addWork(0.01);
    const u2 = idle.observe(30_000);
    expect(u2 - u1).toBeGreaterThan(1.5 * 0.9 + 1);
    expect(idle.observe(29_000)).toBe(u2);
    expect(m.memory(1000) % 4096).toBe(0);
  });
});

describe('kubelet text and metrics-server storage', () => {
  it('prints floats as Go does', () => {
    expect(goFloat(0)).toBe('0');
    expect(goFloat(12.5)).toBe('12.5');
    expect(goFloat(13979648)).toBe('1.3979648e+07');
    expect(goFloat(1764061200.123)).toBe('1.764061200123e+09');
    expect(goFloat(0.00001)).toBe('1e-05');
  });

  it('decodes /metrics/resource and computes rates between two scrapes', () => {
    const text = (t: number, cpu: number, ccpu: number) =>
      [
        '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
        `container_cpu_usage_seconds_total{container="web",namespace="default",pod="p"} ${ccpu} ${t}`,
        `container_memory_working_set_bytes{container="web",namespace="default",pod="p"} 4.194304e+06 ${t}`,
        'container_start_time_seconds{container="web",namespace="default",pod="p"} 1000',
        `node_cpu_usage_seconds_total ${cpu} ${t}`,
        `node_memory_working_set_bytes 1.073741824e+09 ${t}`,
      ].join('\n');
    const nodes = new NodeStorage();
    const pods = new PodStorage(15_000);
    const b1 = decodeResourceMetrics(text(1_100_000, 10, 1), 0);
    nodes.store(new Map([['n', b1.node!]]));
    pods.store(b1.pods);
    expect(nodes.get('n')).toBeUndefined();
    expect(pods.get('default/p')).toBeUndefined();
    expect(pods.ready(nodes)).toBe(false);
    const b2 = decodeResourceMetrics(text(1_115_000, 13, 1.75), 0);
    nodes.store(new Map([['n', b2.node!]]));
    pods.store(b2.pods);
    expect(nodes.get('n')).toMatchObject({ cpu: 200_000_000, memory: 1073741824, windowMs: 15_000 });
    expect(pods.get('default/p')!.containers[0].usage).toMatchObject({ cpu: 50_000_000, memory: 4194304 });
    expect(pods.ready(nodes)).toBe(true);
  });

  it('gives a fresh container a point at its start time', () => {
    const pods = new PodStorage(15_000);
    // started 12 s before the scrape: between 10 s and one resolution
    pods.store(new Map([['default/p', new Map([['c', { startTime: 100_000, timestamp: 112_000, cpu: 0.6, memory: 4096 }]])]]));
    expect(pods.get('default/p')).toMatchObject({ windowMs: 12_000, containers: [{ name: 'c', usage: { cpu: 50_000_000 } }] });
    const young = new PodStorage(15_000);
    young.store(new Map([['default/p', new Map([['c', { startTime: 100_000, timestamp: 105_000, cpu: 0.2, memory: 4096 }]])]]));
    expect(young.get('default/p')).toBeUndefined();
  });

  it('formats quantities and windows as the API does', () => {
    expect(cpuQuantity(2728601)).toBe('2728601n');
    expect(cpuQuantity(500_000_000)).toBe('500m');
    expect(cpuQuantity(2_000_000_000)).toBe('2');
    expect(cpuQuantity(5_000)).toBe('5u');
    expect(memoryQuantity(13979648)).toBe('13652Ki');
    expect(memoryQuantity(64 * 1024 * 1024)).toBe('64Mi');
    expect(memoryQuantity(1000)).toBe('1000');
    expect(goDurationMs(15_000)).toBe('15s');
    expect(goDurationMs(12_345)).toBe('12.345s');
    expect(goDurationMs(75_000)).toBe('1m15s');
  });
});
