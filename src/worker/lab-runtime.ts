/** What the Session needs from a lab: seed it into the world, grade the world, give the solution's commands. */
import type { LabStatus, SolutionStep } from './protocol';

export interface LabRuntime {
  readonly id: string;
  seed(): Promise<void>;
  status(): Promise<LabStatus>;
  solution(): SolutionStep[];
}
