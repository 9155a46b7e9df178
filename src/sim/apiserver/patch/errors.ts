/** A patch that cannot be applied; the message is the upstream error text the API server would return. */
export class PatchError extends Error {}
