/**
 * kubectl as a Program of the shell: parses argv against the real command tree, then runs the command as a
 * REST client of whatever API server the kubeconfig's current context points at (ctx.host.resolveServer).
 */
import type { CommandContext, Program } from '../shell/types';
import { FlagError, Flags, parseFlags } from './cli/flags';
import { Kctx } from './cli/kctx';
import { renderError } from './cli/errors';
import { printerErrorOutput } from './printers/output';
import { loadGoTemplateEngine, needsGoTemplate } from './printers/gotemplate/load';
import { loadJsonPath, needsJsonPath } from './printers/jsonpath-load';
import { DEPRECATED_FLAGS, REQUIRED, commandFlags, locate, suggestionsFor, children } from './cli/tree';
import { helpText, loadHelpTexts } from './help';
import { COMMANDS } from './cmd/registry';
import { prepareKubeconfig } from './kubeconfig';
export { completeKubectl } from './complete';

export const kubectl: Program = async (ctx: CommandContext) => {
  const argv = ctx.argv.slice(1);
  const { path, rest, unknown } = locate(argv);
  if (unknown !== undefined) {
    const s = suggestionsFor(unknown);
    ctx.stderr(`error: unknown command "${unknown}" for "kubectl"\n` + (s.length ? `\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}` : ''));
    return 1;
  }
  let parsed;
  try {
    parsed = parseFlags(rest, commandFlags(path));
  } catch (e) {
    if (e instanceof FlagError) {
      // diff's flag errors are usage errors exiting 2, since 1 means "differences found" (diff.go SetFlagErrorFunc)
      if (path === 'diff') {
        ctx.stderr(`error: ${e.message}\nSee 'kubectl diff -h' for help and examples\n`);
        return 2;
      }
      ctx.stderr(`error: ${e.message}\nSee '${['kubectl', path].filter(Boolean).join(' ')} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  const f = new Flags(parsed);
  for (const d of DEPRECATED_FLAGS[path] ?? []) if (f.changed(d.spec.name)) ctx.stderr(`Flag --${d.spec.name} has been deprecated, ${d.message}\n`);
  if (f.bool('help')) {
    ctx.stdout(await helpText(path));
    return 0;
  }
  if (path === '') {
    if (f.args.length === 0) {
      ctx.stdout(await helpText(''));
      return 0;
    }
  }
  if (path === 'options') {
    // The generator ran with HOME=/nonexistent; the real tool prints the user's cache dir.
    // KUBECACHEDIR overrides the default $HOME/.kube/cache (genericclioptions config_flags.go).
    const cache = ctx.env.KUBECACHEDIR || `${ctx.env.HOME ?? ''}/.kube/cache`;
    ctx.stdout((await loadHelpTexts()).options.replace("'/nonexistent/.kube/cache'", `'${cache}'`));
    return 0;
  }
  if (path === 'help') {
    const target = locate(f.args);
    if (target.unknown !== undefined) {
      // cobra prints the root usage (the grouped list without the long description) after the topic line.
      const root = await helpText('');
      ctx.stderr(`Unknown help topic [\`${f.args[0]}\`]\n\n\n${root.slice(root.indexOf('Basic Commands'))}`);
      return 0;
    }
    ctx.stdout(await helpText(target.path));
    return 0;
  }
  const missing = (REQUIRED[path] ?? []).filter((n) => !f.changed(n));
  if (missing.length) {
    ctx.stderr(`error: required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set\n`);
    return 1;
  }
  const impl = COMMANDS[path];
  const k = new Kctx(ctx, path.split(' '), f);
  if (!impl) {
    if (children(path).length) {
      // A command group typed without a known subcommand (kubectl DefaultSubCommandRun).
      if (f.args.length) {
        if (path === 'create') ctx.stderr(`error: Unexpected args: [${f.args.join(' ')}]\nSee 'kubectl create -h' for help and examples\n`);
        // cmdutil.RequireNoArguments joins every argument
        else ctx.stderr(`error: unknown command "${f.args.join(' ')}"\nSee 'kubectl ${path} -h' for help and examples\n`);
        return 1;
      }
      if (path === 'rollout') ctx.stdout(await helpText(path));
      else ctx.stderr(await helpText(path));
      return 1;
    }
    ctx.stderr(`error: "kubectl ${path}" is not available in this simulated cluster\n`);
    return 1;
  }
  try {
    // commands read the kubeconfig synchronously; a text only the YAML parser can read loads it first
    await prepareKubeconfig(ctx.fs, ctx.env, ctx.cwd, f.str('kubeconfig') || undefined);
    // the template printer loads on demand, before the command's printers (which run synchronously) need it
    if (needsGoTemplate(f.changed('output') ? f.str('output') : '', f.str('template'))) await loadGoTemplateEngine();
    if (needsJsonPath(f.changed('output') ? f.str('output') : '', f.changed('sort-by') ? f.str('sort-by') : '')) await loadJsonPath();
    // Ctrl-C while a part loaded: kubectl dies of SIGINT before it sends anything.
    if (ctx.signal.aborted) return 130;
    return await impl(k);
  } catch (e) {
    // a template that failed half-way has printed part of its output and a dump first
    const partial = printerErrorOutput(e);
    if (partial !== undefined) ctx.stdout(partial);
    const { text, code } = renderError(e);
    if (text) ctx.stderr(text);
    return code;
  }
};
