/**
 * `yarn.lock` in both formats: yarn 1 ("# yarn lockfile v1", its own syntax) and yarn 2+ (berry,
 * YAML with `__metadata`). Only packages resolved from the npm registry are kept; `workspace:`,
 * `link:`, `portal:`, `file:`, `patch:` and git sources have no registry version.
 */
import type { Document } from 'yaml';
import { isMap, isScalar } from 'yaml';
import semver from 'semver';
import type { YamlFile } from '../../context/parsers/yaml.js';
import { parseYarnClassic } from './yarn-classic-grammar.js';
import type { LockFile, LockedPackage } from './model.js';

export function isBerryLock(text: string): boolean {
  return /^__metadata:/m.test(text.slice(0, 4096));
}

/** "@scope/name@range" → ["@scope/name", "range"]; the leading @ of a scope is not a separator. */
export function splitSelector(selector: string): [string, string] | null {
  const at = selector.indexOf('@', 1);
  return at > 0 ? [selector.slice(0, at), selector.slice(at + 1)] : null;
}

export function parseYarnClassicLock(path: string, text: string): LockFile {
  const parsed = parseYarnClassic(text);
  const file: LockFile = { path, kind: 'yarn-classic', packages: [], problems: parsed.problems };
  for (const entry of parsed.entries) {
    const version = entry.fields.version;
    const first = entry.selectors[0] ? splitSelector(entry.selectors[0]) : null;
    if (!first || !version || !semver.valid(version)) continue;
    let [name, range] = first;
    // "alias@npm:real@^1.0.0" installs `real`
    if (range.startsWith('npm:')) {
      const real = splitSelector(range.slice(4));
      if (real) name = real[0];
      else if (!semver.validRange(range.slice(4))) continue;
    } else if (/^(git|github:|file:|link:|https?:)/.test(range) || /^(git|file:)/.test(entry.fields.resolved ?? '')) {
      continue;
    }
    file.packages.push({ ecosystem: 'npm', name, version, line: entry.line, dev: false });
  }
  return file;
}

export function parseYarnBerryLock(path: string, yaml: YamlFile): LockFile {
  const file: LockFile = { path, kind: 'yarn-berry', packages: [], problems: [] };
  if (yaml.error) file.problems.push({ line: yaml.error.line, message: yaml.error.message });
  const doc: Document.Parsed | undefined = yaml.docs[0];
  const root = doc?.contents;
  if (!isMap(root)) return file;
  for (const pair of root.items) {
    if (!isScalar(pair.key) || String(pair.key.value) === '__metadata' || !isMap(pair.value)) continue;
    const resolution = pair.value.get('resolution');
    if (typeof resolution !== 'string') continue;
    const split = splitSelector(resolution);
    if (!split || !split[1].startsWith('npm:')) continue;
    const version = split[1].slice(4);
    if (!semver.valid(version)) continue;
    const line = yaml.lineAt(pair.key.range?.[0] ?? 0);
    file.packages.push(berryPackage(split[0], version, line));
  }
  return file;
}

function berryPackage(name: string, version: string, line: number): LockedPackage {
  return { ecosystem: 'npm', name, version, line, dev: false };
}
