/**
 * Test set-up (vitest setupFiles): the container shell module is handed to the simulator before any test runs,
 * as a warm cache would have it. Tests drive the world synchronously (world.advance), which cannot wait for code
 * loaded on first use; tests/sim/container-shell-lazy.test.ts forgets it on purpose to prove that a cold start,
 * driven as the browser and the CLI drive it, prints the same bytes as a warm one.
 */
import * as sh from '../../src/sim/images/sh';
import { provideContainerShell } from '../../src/sim/images/container-shell';

provideContainerShell(sh);
