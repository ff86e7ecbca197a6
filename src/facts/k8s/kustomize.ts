/**
 * Kustomize layouts: every `kustomization.yaml` (or `.yml`, `Kustomization`), what it lists as
 * resources, which kustomizations it builds on (an overlay names a base directory) and its patches.
 * Patch files describe changes to a base object, not objects of their own: they are never workloads.
 */
import { isMap, isPair, isScalar, parse as parseYaml } from 'yaml';
import type { RepoContext } from '../../context/repo-context.js';
import { yamlParser, yamlValues, type YamlFile } from '../../context/parsers/yaml.js';
import { isTestDataPath } from '../test-data-paths.js';
import { asRecord } from './objects.js';
import { documentObjects, type RawManifest } from './manifests.js';

export interface KustomizePatch {
  /** Directory of the kustomization that applies it. */
  kustomization: string;
  /** The patch file, or the kustomization itself for an inline patch. */
  file: string;
  line: number;
  /** Which objects it changes; from `target:` or, for a strategic merge, the patch's own kind and name. */
  target: { kind: string | null; name: string | null };
  format: 'strategic' | 'json6902';
  /** A strategic-merge object, or a list of JSON-patch operations. */
  value: unknown;
  /** For strategic-merge patch files: the document, so fields it sets can be located. */
  manifest: RawManifest | null;
}

export interface Kustomization {
  file: string;
  dir: string;
  namespace: string | null;
  /** Manifest files listed in `resources`. */
  resourceFiles: string[];
  /** Directories of the kustomizations it builds on (`resources`, `bases` or `components` naming a directory). */
  bases: string[];
  patches: KustomizePatch[];
  /** `replicas:` overrides by object name. */
  replicas: Array<{ name: string; count: number }>;
  /** Builds on another kustomization. */
  overlay: boolean;
  /** The directory names a production environment (prod, production, prd, live). */
  production: boolean;
}

const FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const PRODUCTION = /(^|[/_.-])(prod|production|prd|live)([/_.-]|$)/i;

export async function readKustomizations(repo: RepoContext, warnings: string[]): Promise<Kustomization[]> {
  const files = repo.files.filter((f) => FILE_NAMES.includes(baseName(f.path)) && !isTestDataPath(f.path));
  const dirs = new Set(files.map((f) => dirName(f.path)));
  const out: Kustomization[] = [];
  for (const f of files) {
    const parsed = await repo.parse(f.path, yamlParser);
    const spec = parsed ? asRecord(yamlValues(parsed)[0]) : null;
    if (!spec) {
      warnings.push(`${f.path}: not a readable kustomization`);
      continue;
    }
    const dir = dirName(f.path);
    const k: Kustomization = { file: f.path, dir, namespace: str(spec.namespace), resourceFiles: [], bases: [], patches: [], replicas: [], overlay: false, production: PRODUCTION.test(dir) };
    for (const entry of [...list(spec.resources), ...list(spec.bases), ...list(spec.components)]) {
      if (typeof entry !== 'string' || /^[a-z]+:\/\/|^github\.com\/|\?ref=/.test(entry)) continue;
      const target = joinPath(dir, entry);
      if (dirs.has(target)) k.bases.push(target);
      else if (repo.has(target)) k.resourceFiles.push(target);
    }
    k.overlay = k.bases.length > 0;
    for (const r of list(spec.replicas)) {
      const rep = asRecord(r);
      if (typeof rep?.name === 'string' && typeof rep.count === 'number') k.replicas.push({ name: rep.name, count: rep.count });
    }
    const line = (key: string) => lineOfKey(parsed!, key);
    for (const p of list(spec.patchesStrategicMerge)) {
      if (typeof p === 'string') k.patches.push(...(await patchesFrom(repo, k, p, null, line('patchesStrategicMerge'), warnings)));
    }
    for (const key of ['patches', 'patchesJson6902'] as const) {
      for (const p of list(spec[key])) {
        const entry = asRecord(p);
        const target = asRecord(entry?.target);
        const t = target ? { kind: str(target.kind), name: str(target.name) } : null;
        const source = typeof entry?.path === 'string' ? entry.path : typeof entry?.patch === 'string' ? entry.patch : null;
        if (source !== null) k.patches.push(...(await patchesFrom(repo, k, source, t, line(key), warnings, typeof entry?.patch === 'string')));
      }
    }
    out.push(k);
  }
  return out;
}

async function patchesFrom(
  repo: RepoContext,
  k: Kustomization,
  source: string,
  target: KustomizePatch['target'] | null,
  line: number,
  warnings: string[],
  inline = source.includes('\n'),
): Promise<KustomizePatch[]> {
  if (inline) {
    let value: unknown;
    try {
      value = parseYaml(source, { maxAliasCount: 100 });
    } catch {
      warnings.push(`${k.file}:${line}: inline patch is not valid YAML`);
      return [];
    }
    return [makePatch(k, k.file, line, value, target, null)];
  }
  const file = joinPath(k.dir, source);
  const parsed = repo.has(file) ? await repo.parse(file, yamlParser) : null;
  if (!parsed) return [];
  const lineAt = (offset: number) => parsed.lineAt(offset);
  const out: KustomizePatch[] = [];
  for (const doc of parsed.docs) {
    if (doc.errors.length) continue;
    const manifests = documentObjects(file, doc, lineAt, warnings);
    if (manifests.length) out.push(...manifests.map((m) => makePatch(k, file, m.layer.lineAt(m.layer.node.range?.[0] ?? 0), m.value, target, m)));
    else {
      const ops = yamlValues({ ...parsed, docs: [doc] })[0];
      if (Array.isArray(ops)) out.push(makePatch(k, file, 1, ops, target, null));
    }
  }
  return out;
}

function makePatch(k: Kustomization, file: string, line: number, value: unknown, target: KustomizePatch['target'] | null, manifest: RawManifest | null): KustomizePatch {
  const v = asRecord(value);
  const own = { kind: str(v?.kind), name: str(asRecord(v?.metadata)?.name) };
  return { kustomization: k.dir, file, line, target: target ?? own, format: Array.isArray(value) ? 'json6902' : 'strategic', value, manifest };
}

/** Does a patch target this object? Names may be simple regexes (`.*`, `|`) as kustomize allows. */
export function patchTargets(patch: KustomizePatch, kind: string, name: string | null): boolean {
  if (patch.target.kind && patch.target.kind !== kind) return false;
  if (!patch.target.name) return patch.target.kind !== null;
  if (name === null) return false;
  if (patch.target.name === name) return true;
  // only literal characters, `.*` and `|`: a pattern that cannot backtrack badly
  if (!/^[\w.*|^$-]+$/.test(patch.target.name)) return false;
  const alternatives = patch.target.name.replace(/^\^|\$$/g, '').split('|');
  return alternatives.some((alt) => new RegExp(`^${alt.split('.*').map((s) => s.replace(/[.*^$-]/g, '\\$&')).join('.*')}$`).test(name));
}

function lineOfKey(parsed: YamlFile, key: string): number {
  const contents = parsed.docs[0]?.contents;
  if (!isMap(contents)) return 1;
  const pair = contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  const range = pair && isScalar(pair.key) ? pair.key.range : null;
  return range ? parsed.lineAt(range[0]) : 1;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** Joins a relative reference to a directory and normalises `.`/`..`; escaping the root yields ''. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.replace(/\/+$/, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
