export interface Completion { from: number; to: number; candidates: string[] }
export function complete(_line: string, cursor: number, _ctx: unknown): Completion {
  return { from: cursor, to: cursor, candidates: [] };
}
