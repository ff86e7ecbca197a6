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
import { collectRequirements } from './requirements-files.js';
import { packageJsonRequirements, pipfileRequirements, pyprojectRequirements } from './manifests.js';
import { dockerfilesFact } from '../dockerfiles.js';
import { isTestDataPath } from '../test-data-paths.js';
import type { DeclaredRequirement, LockFile } from './model.js';

export const NPM_LOCK_NAMES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
export const PYTHON_LOCK_NAMES = ['Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock'];
const anywhere = (names: string[]) => names.map((n) => `**/${n}`);

export interface DependencyFacts {
  /** Lockfiles and requirements files, each with the exact versions it installs. */
  locks: LockFile[];
  /** Lockfile-like paths the walk skipped (too large, unreadable): never silently unchecked. */
  skipped: Array<{ path: string; reason: string }>;
}

export const lockfilesFact = defineFact<DependencyFacts>('deps.lockfiles', async (repo) => {
  const locks: LockFile[] = [];
  for (const f of projectFiles(repo.glob(anywhere(['package-lock.json', 'npm-shrinkwrap.json', 'Pipfile.lock'])))) {
    const tree = await repo.parse(f.path, jsonTreeParser);
    if (!tree) continue;
    locks.push(f.path.endsWith('Pipfile.lock') ? parsePipfileLock(f.path, tree) : parseNpmLock(f.path, tree));
  }
  for (const f of projectFiles(repo.glob('**/yarn.lock'))) {
    const text = await repo.text(f.path);
    if (text === null) continue;
    if (isBerryLock(text)) {
      const yaml = await repo.parse(f.path, yamlParser);
      if (yaml) locks.push(parseYarnBerryLock(f.path, yaml));
    } else {
      locks.push(parseYarnClassicLock(f.path, text));
    }
  }
  for (const f of projectFiles(repo.glob('**/pnpm-lock.yaml'))) {
    const yaml = await repo.parse(f.path, yamlParser);
    if (yaml) locks.push(parsePnpmLock(f.path, yaml));
  }
  for (const f of projectFiles(repo.glob(anywhere(['poetry.lock', 'uv.lock'])))) {
    const toml = await repo.parse(f.path, tomlParser);
    if (toml) locks.push(parseTomlLock(f.path, f.path.endsWith('uv.lock') ? 'uv-lock' : 'poetry-lock', toml));
  }
  const requirements = await repo.fact(requirementsFact);
  locks.push(...requirements.locks);
  locks.sort((a, b) => a.path.localeCompare(b.path));
  const lockNames = new Set([...NPM_LOCK_NAMES, ...PYTHON_LOCK_NAMES]);
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
