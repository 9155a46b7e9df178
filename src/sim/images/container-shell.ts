/**
 * The container shell (./sh: busybox/alpine `sh`, and whatever a pod's command runs through it) is the largest
 * piece of a container's behaviour and no k3s system pod needs it, so it is a chunk of its own, loaded when a
 * container is about to need it (see ../lazy for why a load must not let virtual time pass).
 *
 * The kubelet asks for it when it creates a container whose process, probes or exec will run the shell; the
 * container starts at least 50 ms of virtual time later, and every driver of the clock (the clock itself included,
 * see VirtualClock.advanceTo) stops before that instant until the load is in. So a first use prints what a later
 * use prints. A caller that moves time synchronously past a load still gets a working container: the process waits
 * for the module (a 'load' action) instead of starting without it.
 */
import { onDemand } from '../lazy';

export type ShellModule = typeof import('./sh');

let loaded: ShellModule | undefined;

const loader = () =>
  onDemand(async () => {
    const m = await import('./sh');
    loaded = m;
    return m;
  });
let load = loader();

/** The shell module when it is in, else undefined (and its load is started). */
export function containerShell(): ShellModule | undefined {
  if (!loaded) void load().catch(() => undefined);
  return loaded;
}

/** Starts the load if needed; resolves with the module. */
export function loadContainerShell(): Promise<ShellModule> {
  return loaded ? Promise.resolve(loaded) : load();
}

/**
 * Hands the module over, or forgets it (undefined). Tests use it to compare a cold start with a warm one;
 * a host that has the module already (a test set-up that imported it) saves the first load.
 */
export function provideContainerShell(m: ShellModule | undefined): void {
  loaded = m;
  // forgetting it makes the next use a real load again (onDemand keeps what it loaded)
  if (!m) load = loader();
}
