/**
 * host-local IPAM as k3s's flannel CNI config uses it: addresses from the node's podCIDR, .1 is the cni0 bridge,
 * allocation continues after the last reserved address (plugins/ipam/host-local backend/allocator) and wraps,
 * so a freed IP is not handed out again at once.
 */
export class HostLocalIpam {
  private used = new Set<number>();
  private last = 1;
  private readonly base: number[];
  private readonly size: number;

  constructor(podCIDR: string) {
    const [ip, bits] = podCIDR.split('/');
    this.base = ip.split('.').map(Number);
    this.size = 2 ** (32 - Number(bits));
  }

  allocate(): string | undefined {
    for (let i = 0; i < this.size - 3; i++) {
      let n = this.last + 1 + i;
      if (n >= this.size - 1) n = 2 + ((n - 2) % (this.size - 3));
      if (!this.used.has(n)) {
        this.used.add(n);
        this.last = n;
        return this.ip(n);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    const parts = ip.split('.').map(Number);
    const n = ((parts[2] - this.base[2]) << 8) + (parts[3] - this.base[3]);
    this.used.delete(n);
  }

  gateway(): string {
    return this.ip(1);
  }

  private ip(n: number): string {
    const b = [...this.base];
    b[3] += n & 255;
    b[2] += n >> 8;
    return b.join('.');
  }
}
