/** Which engine the browser runs: the simulated world with the learner's bash, graded by the lab engine. */
import { worldEngine, worldLabHost } from './world-engine';
import { labFactoryFor } from './labs';
import type { LabRuntimeFactory } from './session';

export const engine = worldEngine;
export const labFactory: LabRuntimeFactory = labFactoryFor(worldLabHost);
