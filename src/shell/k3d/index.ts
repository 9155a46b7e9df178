import type { Program } from '../types';
export interface K3dWorld {}
export function createK3d(_world: Partial<K3dWorld>): Program {
  return async (ctx) => {
    ctx.stderr('k3d: not available\n');
    return 1;
  };
}
