/**
 * The `yaml` package, loaded on first use. It is 70-odd CommonJS files, a good part of a start-up
 * that often parses no YAML at all (a bundled rubric comes from the build's JSON, and most
 * repositories have no mina.yaml). The package is CommonJS, so this require() and any static
 * `import ... from 'yaml'` elsewhere share one instance: its node classes and type guards agree.
 */
import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');

let loaded: YamlModule | null = null;

export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return loaded;
}
