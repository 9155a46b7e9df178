/**
 * Which engine the browser runs: the simulated world with the learner's bash, graded by the lab engine. The lab
 * engine loads only for terminals that host a lab (a separate chunk), keeping plain terminals lighter.
 */
import { worldEngine } from './world-engine';
import type { LabRuntimeFactory } from './session';

export const engine = worldEngine;
export const labFactory: LabRuntimeFactory = async (source, world) => {
  const [{ labFactoryFor }, { worldLabHost }] = await Promise.all([import('./labs'), import('./world-lab-host')]);
  return labFactoryFor(worldLabHost)(source, world);
};
