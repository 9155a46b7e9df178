/**
 * kubectl's go-template printer (k8s.io/cli-runtime/pkg/printers/template.go and
 * pkg/genericclioptions/template_flags.go): the template is parsed once under the name "output" with the
 * extra functions `exists` and `base64decode`; each object is marshalled to JSON and decoded again (so the
 * template sees plain maps, integral numbers as int64) and executed with missingkey=default, or
 * missingkey=error under --allow-missing-template-keys=false. On an execution error kubectl writes what
 * the template printed so far plus a debugging dump to stdout, and returns the error.
 */
import { parseTemplate, TemplateParseError, type TreeSet } from './parser';
import { executeTemplate } from './exec';
import { FUNC_NAMES } from './funcs';
import { sprint } from './fmt';
import { goQuote } from './nodes';

export { TemplateParseError } from './parser';

const NAME = 'output';

export class GoTemplate {
  private constructor(
    readonly raw: string,
    private readonly trees: TreeSet,
  ) {}

  /** Throws TemplateParseError with Go's message (`template: output:1: unclosed action`). */
  static parse(raw: string): GoTemplate {
    return new GoTemplate(raw, parseTemplate(NAME, raw, FUNC_NAMES));
  }

  /** Runs the template on plain JSON data. */
  execute(data: unknown, missingKeyError = false): { out: string; error?: string } {
    return executeTemplate(this.trees, NAME, this.raw, data, { missingKeyError, parseName: NAME });
  }

  /**
   * What kubectl prints for one object: `stdout`, and `error` (the text after `error: `) when execution
   * failed. `rawJson` is the object's json.Marshal form, shown in the dump.
   */
  print(data: unknown, rawJson: string, missingKeyError: boolean): { stdout: string; error?: string } {
    const r = this.execute(data, missingKeyError);
    if (r.error === undefined) return { stdout: r.out };
    const dump =
      `Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${this.raw}\n` +
      `\traw data was:\n\t\t${rawJson}\n` +
      `\tobject given to template engine was:\n\t\t${sprint([data])}\n\n`;
    return { stdout: r.out + dump, error: `error executing template ${goQuote(this.raw)}: ${r.error}` };
  }
}

export function isParseError(e: unknown): e is TemplateParseError {
  return e instanceof TemplateParseError;
}
