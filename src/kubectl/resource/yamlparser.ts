/**
 * The YAML parser (the `yaml` package, about 30 KB gzip) is loaded on demand: the prompt and `kubectl get` never
 * need it. `-f` manifests, `patch -p` in YAML and a kubeconfig the printer did not write await
 * `loadYamlParser()`; code that must stay synchronous reaches the loaded module through `yamlParser()`.
 */
import { onDemand } from '../../sim/lazy';

export type YamlParser = typeof import('yaml');

let parser: YamlParser | undefined;

const load = onDemand(() => import('yaml'));

export async function loadYamlParser(): Promise<YamlParser> {
  parser = await load();
  return parser;
}

/** The loaded parser, or undefined while no command has needed it. */
export function yamlParser(): YamlParser | undefined {
  return parser;
}
