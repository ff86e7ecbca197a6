/**
 * The dependency facts, computed once per run and shared by the deps.* checks: every lockfile of
 * the tree (monorepos included, each with its path), what manifests declare, and Dockerfile base
 * images. Files are read only through the repository context.
 */
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import { yamlParser } from '../../context/parsers/yaml.js';
import { jsonTreeParser } from './json-tree.js';
import { tomlParser } from './toml-lines.js';
import { parseNpmLock } from './npm-lock.js';
import { isBerryLock, parseYarnBerryLock, parseYarnClassicLock } from './yarn-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parsePipfileLock, parseTomlLock } from './python-locks.js';
import { parseBunLock } from './bun-lock.js';
import { collectRequirements } from './requirements-files.js';
import { packageJsonRequirements, pipfileRequirements, pyprojectRequirements } from './manifests.js';
import { dockerfilesFact } from '../dockerfiles.js';
import { isTestDataPath } from '../test-data-paths.js';
import type { DeclaredRequirement, LockFile, LockKind } from './model.js';

export const NPM_LOCK_NAMES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
export const PYTHON_LOCK_NAMES = ['Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock'];

export interface DependencyFacts {
  /** Lockfiles and requirements files, each with the exact versions it installs. */
  locks: LockFile[];
  /** Lockfile-like paths the walk skipped (too large, unreadable): never silently unchecked. */
  skipped: Array<{ path: string; reason: string }>;
}

type LockReader = (repo: RepoContext, path: string) => Promise<LockFile | null>;

/** Each lockfile name and how to read it; null means the file exists but could not be parsed. */
const LOCK_READERS: Array<[string, LockKind, LockReader]> = [
  ['package-lock.json', 'package-lock', async (repo, p) => withTree(await repo.parse(p, jsonTreeParser), (t) => parseNpmLock(p, t))],
  ['npm-shrinkwrap.json', 'npm-shrinkwrap', async (repo, p) => withTree(await repo.parse(p, jsonTreeParser), (t) => parseNpmLock(p, t))],
  ['Pipfile.lock', 'pipfile-lock', async (repo, p) => withTree(await repo.parse(p, jsonTreeParser), (t) => parsePipfileLock(p, t))],
  ['yarn.lock', 'yarn-classic', readYarnLock],
  ['pnpm-lock.yaml', 'pnpm-lock', async (repo, p) => withTree(await repo.parse(p, yamlParser), (y) => parsePnpmLock(p, y))],
  ['poetry.lock', 'poetry-lock', async (repo, p) => withTree(await repo.parse(p, tomlParser), (t) => parseTomlLock(p, 'poetry-lock', t))],
  ['uv.lock', 'uv-lock', async (repo, p) => withTree(await repo.parse(p, tomlParser), (t) => parseTomlLock(p, 'uv-lock', t))],
  ['pdm.lock', 'pdm-lock', async (repo, p) => withTree(await repo.parse(p, tomlParser), (t) => parseTomlLock(p, 'pdm-lock', t))],
  ['bun.lock', 'bun-lock', async (repo, p) => withTree(await repo.text(p), (text) => parseBunLock(p, text))],
  ['bun.lockb', 'bun-lock', async (_repo, p) => ({ path: p, kind: 'bun-lock', packages: [], problems: [{ line: 1, message: 'the binary bun.lockb format cannot be read; switch to the text bun.lock (bun install --save-text-lockfile)' }] })],
];

function withTree<T>(tree: T | null, read: (tree: T) => LockFile): LockFile | null {
  return tree === null ? null : read(tree);
}

async function readYarnLock(repo: RepoContext, path: string): Promise<LockFile | null> {
  const text = await repo.text(path);
  if (text === null) return null;
  if (!isBerryLock(text)) return parseYarnClassicLock(path, text);
  return withTree(await repo.parse(path, yamlParser), (y) => parseYarnBerryLock(path, y));
}

export const lockfilesFact = defineFact<DependencyFacts>('deps.lockfiles', async (repo) => {
  const locks: LockFile[] = [];
  for (const [name, kind, read] of LOCK_READERS) {
    for (const f of projectFiles(repo.glob(`**/${name}`))) {
      // binary, undecodable or too deeply nested for the parser: there, but unreadable
      const lock = await read(repo, f.path);
      locks.push(lock ?? { path: f.path, kind, packages: [], problems: [{ line: 1, message: 'not readable as text or not parseable' }] });
    }
  }
  const requirements = await repo.fact(requirementsFact);
  locks.push(...requirements.locks);
  locks.sort((a, b) => a.path.localeCompare(b.path));
  const lockNames = new Set(LOCK_READERS.map(([n]) => n));
  const skipped = projectFiles(repo.skipped).filter((s) => lockNames.has(s.path.split('/').pop() ?? ''));
  return { locks, skipped };
});

export const requirementsFact = defineFact('deps.requirements', collectRequirements);

export interface ManifestFacts {
  declared: DeclaredRequirement[];
  /** Manifests and whether a lockfile covers them (same folder or an enclosing workspace root). */
  manifests: Array<{ path: string; ecosystem: 'npm' | 'PyPI'; locked: boolean; lockfile: string | null }>;
}

export const manifestsFact = defineFact<ManifestFacts>('deps.manifests', async (repo) => {
  const declared: DeclaredRequirement[] = [];
  const manifests: ManifestFacts['manifests'] = [];
  for (const f of projectFiles(repo.glob('**/package.json'))) {
    const tree = await repo.parse(f.path, jsonTreeParser);
    if (!tree || tree.error) continue;
    const reqs = packageJsonRequirements(f.path, tree);
    if (reqs.length === 0) continue;
    const lockfile = enclosingLock(repo, f.path, NPM_LOCK_NAMES);
    manifests.push({ path: f.path, ecosystem: 'npm', locked: lockfile !== null, lockfile });
    declared.push(...reqs);
  }
  for (const f of projectFiles(repo.glob(['**/pyproject.toml', '**/Pipfile']))) {
    const toml = await repo.parse(f.path, tomlParser);
    if (!toml) continue;
    const reqs = f.path.endsWith('Pipfile') ? pipfileRequirements(f.path, toml) : pyprojectRequirements(f.path, toml);
    if (reqs.length === 0) continue;
    const lockfile = enclosingLock(repo, f.path, PYTHON_LOCK_NAMES);
    manifests.push({ path: f.path, ecosystem: 'PyPI', locked: lockfile !== null, lockfile });
    declared.push(...reqs);
  }
  declared.push(...(await repo.fact(requirementsFact)).declared);
  return { declared, manifests };
});

export interface BaseImage {
  file: string;
  line: number;
  image: string;
  /** A tag other than `latest`, or a digest. */
  pinned: boolean;
}

/** `FROM` images of every Dockerfile; build stages, `scratch` and build-time ARGs are not images. */
export const dockerBaseImagesFact = defineFact('deps.docker-base-images', async (repo): Promise<BaseImage[]> => {
  const out: BaseImage[] = [];
  for (const file of await repo.fact(dockerfilesFact)) {
    for (const stage of file.stages) {
      if (stage.base.kind !== 'image') continue;
      const { ref, tag, digest } = stage.base.image;
      out.push({ file: file.path, line: stage.line, image: ref, pinned: digest !== null || (tag !== null && tag.toLowerCase() !== 'latest') });
    }
  }
  return out;
});

/** Lockfiles and manifests of fixtures and vendored trees describe someone else's install. */
function projectFiles<T extends { path: string }>(files: T[]): T[] {
  return files.filter((f) => !isTestDataPath(f.path));
}

function enclosingLock(repo: RepoContext, manifest: string, names: string[]): string | null {
  // a lockfile the walk skipped as too large still exists and still locks
  const skipped = new Set(repo.skipped.map((s) => s.path));
  let dir = manifest.includes('/') ? manifest.slice(0, manifest.lastIndexOf('/')) : '';
  for (;;) {
    for (const n of names) {
      const candidate = dir ? `${dir}/${n}` : n;
      if (repo.has(candidate) || skipped.has(candidate)) return candidate;
    }
    if (dir === '') return null;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}
