/**
 * Test set-up (vitest setupFiles): code the simulator loads on first use (the container shell, the controllers
 * started on their first object) is handed over before any test runs, as a warm cache would have it. Tests drive
 * the world synchronously (world.advance), which cannot wait for a load; tests/sim/runtime/container-shell-lazy
 * and tests/sim/controllers/on-first-object forget them on purpose to prove that a cold start, driven as the
 * browser and the CLI drive it, prints the same bytes as a warm one.
 */
import * as sh from '../../src/sim/images/sh';
import { provideContainerShell } from '../../src/sim/images/container-shell';
import { preloadControllers } from '../../src/sim/controllers/on-first-object';

provideContainerShell(sh);
await preloadControllers();
