/** Which engine the browser runs. */
import { echoEngine } from './echo-engine';
import type { LabRuntimeFactory } from './session';

export const engine = echoEngine;
export const labFactory: LabRuntimeFactory | undefined = undefined;
