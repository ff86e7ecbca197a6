/**
 * npm `package-lock.json` (lockfileVersion 1, 2, 3) and `npm-shrinkwrap.json`. Versions 2 and 3
 * list every installed path under `packages` ("node_modules/a/node_modules/b"); version 1 nests
 * `dependencies`. Links, workspace folders and non-registry sources (git, file, tarball URLs)
 * have no registry version to match and are left out.
 */
import type { Node } from 'jsonc-parser';
import semver from 'semver';
import { boolAt, child, properties, stringAt, type JsonTree } from './json-tree.js';
import type { LockFile, LockedPackage } from './model.js';

const MAX_DEPTH = 64;

export function parseNpmLock(path: string, tree: JsonTree): LockFile {
  const kind = path.endsWith('npm-shrinkwrap.json') ? 'npm-shrinkwrap' : 'package-lock';
  const file: LockFile = { path, kind, packages: [], problems: [] };
  if (tree.error || tree.root?.type !== 'object') {
    file.problems.push({ line: tree.error?.line ?? 1, message: tree.error?.message ?? 'not a JSON object' });
    return file;
  }
  const packages = child(tree.root, 'packages');
  if (packages?.type === 'object') collectPackages(packages, tree, file.packages);
  else collectV1(child(tree.root, 'dependencies'), tree, file.packages, 0);
  return file;
}

function collectPackages(packages: Node, tree: JsonTree, out: LockedPackage[]): void {
  for (const { key, value, offset } of properties(packages)) {
    const at = key.lastIndexOf('node_modules/');
    // "" is the root project; paths without node_modules/ are workspace folders
    if (at < 0 || boolAt(value, 'link')) continue;
    const name = stringAt(value, 'name') ?? key.slice(at + 'node_modules/'.length);
    const version = stringAt(value, 'version');
    const resolved = stringAt(value, 'resolved');
    if (!version || !fromRegistry(version, resolved)) continue;
    out.push({ ecosystem: 'npm', name, version, line: tree.lines.lineAt(offset), dev: boolAt(value, 'dev') || boolAt(value, 'devOptional') });
  }
}

function collectV1(deps: Node | undefined, tree: JsonTree, out: LockedPackage[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const { key, value, offset } of properties(deps)) {
    let name = key;
    let version = stringAt(value, 'version');
    // an alias ("my-lodash": { "version": "npm:lodash@4.17.21" }) installs the real package
    if (version?.startsWith('npm:')) {
      const spec = version.slice(4);
      const at = spec.lastIndexOf('@');
      if (at > 0) {
        name = spec.slice(0, at);
        version = spec.slice(at + 1);
      }
    }
    if (version && fromRegistry(version, stringAt(value, 'resolved'))) {
      out.push({ ecosystem: 'npm', name, version, line: tree.lines.lineAt(offset), dev: boolAt(value, 'dev') });
    }
    collectV1(child(value, 'dependencies'), tree, out, depth + 1);
  }
}

function fromRegistry(version: string, resolved: string | null): boolean {
  if (!semver.valid(version)) return false;
  if (resolved === null) return true;
  return !/^(git\+|git:|github:|file:|link:)/.test(resolved);
}
