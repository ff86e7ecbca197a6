/**
 * Bun's text lockfile `bun.lock` (JSON with trailing commas): `packages` maps an install path to
 * a tuple whose first element is the resolved "name@version"; workspace, link, file and git
 * resolutions have no registry version. The older binary `bun.lockb` is not readable and is
 * reported as such.
 */
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import semver from 'semver';
import { properties } from './json-tree.js';
import { LineIndex } from './line-index.js';
import { splitSelector } from './yarn-lock.js';
import type { LockFile } from './model.js';

export function parseBunLock(path: string, text: string): LockFile {
  const file: LockFile = { path, kind: 'bun-lock', packages: [], problems: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  if (errors.length > 0 || root?.type !== 'object') {
    const e = errors[0];
    file.problems.push({ line: e ? lines.lineAt(e.offset) : 1, message: e ? `JSON syntax error: ${printParseErrorCode(e.error)}` : 'not a JSON object' });
    return file;
  }
  const packages = root.children?.find((p) => p.children?.[0]?.value === 'packages')?.children?.[1];
  const seen = new Set<string>();
  for (const { value, offset } of properties(packages)) {
    const first = value.type === 'array' ? value.children?.[0] : undefined;
    if (first?.type !== 'string') continue;
    const split = splitSelector(String(first.value));
    if (!split || !semver.valid(split[1]) || seen.has(String(first.value))) continue;
    seen.add(String(first.value));
    file.packages.push({ ecosystem: 'npm', name: split[0], version: split[1], line: lines.lineAt(offset), dev: false });
  }
  return file;
}
