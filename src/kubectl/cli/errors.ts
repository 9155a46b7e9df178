/**
 * How kubectl turns failures into text (kubectl pkg/cmd/util/helpers.go CheckErr / StandardErrorMessage):
 * every message goes to stderr; the exit code is 1 unless a command says otherwise.
 */
import { StatusError } from '../client/rest';
import { ResourceTypeError } from '../client/discovery';
import type { Status } from '../../sim/apiserver/types';

/** `error: <msg>` */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** `error: <msg>` + `See 'kubectl <cmd> -h' for help and examples` */
export class UsageError extends Error {
  constructor(message: string, readonly cmdPath: string) {
    super(message);
  }
}

/** Printed verbatim (already formatted). */
export class RawError extends Error {
  constructor(readonly text: string, readonly exitCode = 1) {
    super(text);
  }
}

/** Ends the command with a code after it has printed what it had to say. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export class ConnectionRefused extends Error {
  constructor(readonly hostPort: string) {
    super(`The connection to the server ${hostPort} was refused - did you specify the right host or port?`);
  }
}

/** A Status error that happened while handling a file (`error when creating "x.yaml": …`). */
export class ContextualStatusError extends Error {
  constructor(readonly inner: StatusError, readonly prefix: string) {
    super(`${prefix}${inner.message}`);
  }
}

function causesText(st: Status): string[] {
  return (st.details?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? ''));
}

/**
 * The text kubectl prints for an API Status, without the trailing newline (helpers.go checkErr). An Invalid status
 * with details is rebuilt from its kind, name and causes, so a prefix such as `error when creating "f.yaml": `
 * (cmdutil.AddSourceToErr, which rewrites only the message) never shows there.
 */
export function statusMessage(st: Status, code: number, prefix = ''): string {
  if (st?.reason === 'Invalid' || code === 422) {
    const d = st?.details;
    if (!d) return `The request is invalid`;
    const s = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    // statusCausesToAggrError drops causes whose "field: message" repeats.
    const causes = [...new Set(causesText(st))];
    if (causes.length === 1) return `${s}: ${causes[0]}`;
    if (causes.length > 1) return `${s}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    return s;
  }
  return standardErrorMessage(st, code, prefix);
}

/** StandardErrorMessage (helpers.go): how an API error reads inside an aggregate of several, Invalid included. */
export function standardErrorMessage(st: Status, code: number, prefix = ''): string {
  if (st?.reason === 'Unauthorized' || code === 401) return `error: You must be logged in to the server (${st?.message ?? 'Unauthorized'})`;
  const msg = st?.message ?? `the server responded with the status code ${code} but did not return more information`;
  const reason = st?.reason;
  return reason ? `Error from server (${reason}): ${prefix}${msg}` : `Error from server: ${prefix}${msg}`;
}

/**
 * What checkErr prints for the errors a command gathered into one aggregate (apply, label, …): a single error as
 * checkErr prints it alone; several one per line in StandardErrorMessage form, where plain errors carry no
 * "error: " prefix (MultipleErrors / messageForError).
 */
export function aggregateText(errs: unknown[]): string {
  if (errs.length === 1) return renderError(errs[0]).text;
  return errs
    .map((e) => {
      if (e instanceof ContextualStatusError) return standardErrorMessage(e.inner.status, e.inner.code, e.prefix);
      if (e instanceof StatusError) return standardErrorMessage(e.status, e.code);
      return e instanceof Error ? e.message : String(e);
    })
    .map((t) => t + '\n')
    .join('');
}

/** Renders any thrown value to the stderr text and exit code kubectl would produce. */
export function renderError(e: unknown): { text: string; code: number } {
  if (e instanceof ExitCode) return { text: '', code: e.code };
  if (e instanceof RawError) return { text: e.text, code: e.exitCode };
  if (e instanceof ConnectionRefused) return { text: e.message + '\n', code: 1 };
  if (e instanceof UsageError) return { text: `${withPrefix(e.message)}\nSee 'kubectl ${e.cmdPath} -h' for help and examples\n`, code: 1 };
  if (e instanceof ContextualStatusError) return { text: statusMessage(e.inner.status, e.inner.code, e.prefix) + '\n', code: 1 };
  if (e instanceof StatusError) return { text: statusMessage(e.status, e.code) + '\n', code: 1 };
  if (e instanceof ResourceTypeError) return { text: `error: ${e.message}\n`, code: 1 };
  if (e instanceof KubectlError) return { text: `${withPrefix(e.message)}\n`, code: e.exitCode };
  const msg = e instanceof Error ? e.message : String(e);
  return { text: `${withPrefix(msg)}\n`, code: 1 };
}

function withPrefix(msg: string): string {
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}
