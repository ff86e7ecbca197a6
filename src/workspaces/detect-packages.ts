/**
 * Packages of a monorepo, for `mina check --per-package`: npm/yarn `workspaces` in package.json,
 * pnpm's pnpm-workspace.yaml, and Python projects in sub-folders (pyproject.toml, setup.py,
 * setup.cfg). Reads only those files; the folder scan is bounded in depth and count because the
 * tree is hostile.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';

export interface WorkspacePackage {
  /** Relative to the root, POSIX separators. */
  path: string;
  kind: 'npm' | 'pnpm' | 'python';
}

const MAX_DEPTH = 5;
const MAX_DIRS = 20_000;
const MAX_MANIFEST = 1024 * 1024;
const SKIP = new Set(['node_modules', '.git', '.venv', 'venv', 'site-packages', '__pycache__', 'dist', 'build', '.mina', '.tox']);
const PYTHON_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg'];

export function detectPackages(root: string): WorkspacePackage[] {
  const dirs = listDirs(root);
  const found = new Map<string, WorkspacePackage>();
  const addMatching = (patterns: string[], kind: WorkspacePackage['kind']) => {
    const include = patterns.filter((p) => !p.startsWith('!')).map(clean);
    const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)));
    if (include.length === 0) return;
    const yes = picomatch(include, { dot: false });
    const no = exclude.length ? picomatch(exclude) : () => false;
    for (const d of dirs) if (yes(d) && !no(d) && isFile(path.join(root, d, 'package.json')) && !found.has(d)) found.set(d, { path: d, kind });
  };
  const pkg = readJson(path.join(root, 'package.json')) as { workspaces?: unknown } | null;
  const ws = pkg?.workspaces;
  const npmPatterns = Array.isArray(ws) ? ws : Array.isArray((ws as { packages?: unknown })?.packages) ? (ws as { packages: unknown[] }).packages : [];
  addMatching(npmPatterns.filter((p): p is string => typeof p === 'string'), 'npm');
  const pnpm = readYaml(path.join(root, 'pnpm-workspace.yaml')) as { packages?: unknown } | null;
  if (Array.isArray(pnpm?.packages)) addMatching(pnpm.packages.filter((p): p is string => typeof p === 'string'), 'pnpm');
  for (const d of dirs) {
    if (!found.has(d) && PYTHON_MARKERS.some((m) => isFile(path.join(root, d, m)))) found.set(d, { path: d, kind: 'python' });
  }
  // a Python project nested in a package already found belongs to it
  const all = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  return all.filter((p) => !all.some((q) => q !== p && p.path.startsWith(q.path + '/')));
}

function clean(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Sub-folders (not the root), breadth-first, never through symlinks. */
function listDirs(root: string): string[] {
  const out: string[] = [];
  let level = [''];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && out.length < MAX_DIRS; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      let entries;
      try {
        entries = readdirSync(path.join(root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!e.isDirectory() || SKIP.has(e.name) || e.name.startsWith('.')) continue;
        const child = rel ? `${rel}/${e.name}` : e.name;
        out.push(child);
        next.push(child);
        if (out.length >= MAX_DIRS) break;
      }
    }
    level = next;
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function readSmall(p: string): string | null {
  try {
    const st = statSync(p);
    if (!st.isFile() || st.size > MAX_MANIFEST) return null;
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

function readJson(p: string): unknown {
  const text = readSmall(p);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readYaml(p: string): unknown {
  const text = readSmall(p);
  if (text === null) return null;
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return null;
  }
}
