/**
 * Resource arguments as kubectl's resource builder reads them (cli-runtime pkg/resource/builder.go):
 * `TYPE`, `TYPE NAME…`, `TYPE/NAME…`, `TYPE1,TYPE2 [NAME…]`.
 */
import { KubectlError } from '../cli/errors';

export interface ResourceArg {
  type: string;
  names: string[];
}

export function parseResourceArgs(args: string[]): ResourceArg[] {
  if (!args.length) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: ResourceArg[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const last = out[out.length - 1];
      if (last && last.type === type) last.names.push(name);
      else out.push({ type, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const list = types.split(',').filter(Boolean);
  if (names.length && list.length > 1) return list.map((t) => ({ type: t, names: [...names] }));
  return list.map((t) => ({ type: t, names: [...names] }));
}
