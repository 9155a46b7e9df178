/** Starts the simulator worker. Vite builds it to a hashed, base-prefixed module chunk. */
export function startSessionWorker(): Worker {
  return new Worker(new URL('../worker/session.worker.ts', import.meta.url), { type: 'module', name: 'kubelab-session' });
}
