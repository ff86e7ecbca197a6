/**
 * Python lockfiles: `Pipfile.lock` (JSON, `default`/`develop` sections with "==x" versions),
 * `poetry.lock`, `uv.lock` and `pdm.lock` (TOML `[[package]]` tables). Packages from git, a path or a direct
 * URL are not PyPI releases and are left out; so is the project itself in uv.lock.
 */
import { properties, stringAt, type JsonTree } from './json-tree.js';
import { arrayTableLines, type TomlFile } from './toml-lines.js';
import { exactPin, parseSpecifier } from './pep508.js';
import type { LockFile, LockKind } from './model.js';

export function parsePipfileLock(path: string, tree: JsonTree): LockFile {
  const file: LockFile = { path, kind: 'pipfile-lock', packages: [], problems: [] };
  if (tree.error || tree.root?.type !== 'object') {
    file.problems.push({ line: tree.error?.line ?? 1, message: tree.error?.message ?? 'not a JSON object' });
    return file;
  }
  for (const { key: section, value } of properties(tree.root)) {
    if (section === '_meta') continue;
    for (const { key: name, value: entry, offset } of properties(value)) {
      const spec = stringAt(entry, 'version');
      const parsed = spec ? parseSpecifier(spec) : null;
      const version = parsed ? exactPin([parsed]) : null;
      if (!version) continue;
      file.packages.push({ ecosystem: 'PyPI', name, version, line: tree.lines.lineAt(offset), dev: section === 'develop' });
    }
  }
  return file;
}

export function parseTomlLock(path: string, kind: Extract<LockKind, 'poetry-lock' | 'uv-lock' | 'pdm-lock'>, toml: TomlFile): LockFile {
  const file: LockFile = { path, kind, packages: [], problems: [] };
  if (toml.error) {
    file.problems.push(toml.error);
    return file;
  }
  const list = Array.isArray(toml.value.package) ? (toml.value.package as unknown[]) : [];
  const lines = arrayTableLines(toml.text, 'package');
  // if the header scan and the parser disagree the lines cannot be trusted: fall back to line 1
  const lineOf = (i: number) => (lines.length === list.length ? lines[i] : 1);
  list.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return;
    const pkg = entry as Record<string, unknown>;
    if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') return;
    if (!fromIndex(kind, pkg)) return;
    const dev = kind === 'poetry-lock' && (pkg.category === 'dev' || (Array.isArray(pkg.groups) && !pkg.groups.includes('main')));
    file.packages.push({ ecosystem: 'PyPI', name: pkg.name, version: pkg.version, line: lineOf(i), dev });
  });
  return file;
}

function fromIndex(kind: LockKind, pkg: Record<string, unknown>): boolean {
  // pdm: VCS, local and URL packages carry git/path/url keys; index packages have none
  if (kind === 'pdm-lock') return !('git' in pkg || 'path' in pkg || 'url' in pkg || pkg.editable === true);
  const source = pkg.source;
  if (source === undefined) return kind === 'poetry-lock';
  if (!source || typeof source !== 'object') return false;
  const s = source as Record<string, unknown>;
  // poetry: [package.source] type = "legacy" is a private index, git/directory/file/url are not releases
  if (kind === 'poetry-lock') return s.type === 'legacy' || s.type === undefined;
  // uv: { registry = "https://pypi.org/simple" }; editable/virtual/path/git/url are not
  return typeof s.registry === 'string';
}
