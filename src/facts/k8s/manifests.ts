/**
 * Plain Kubernetes manifests: every YAML document in the tree that has a string `apiVersion` and
 * `kind` at the top (multi-document files and `kind: List` included). Each document is parsed once
 * through the shared YAML parser; alias expansion is bounded, so an alias bomb is a warning, not a
 * hang. Files inside Helm charts are left to the chart renderer.
 */
import { isMap, isSeq, type Document, type Node } from 'yaml';
import type { RepoContext } from '../../context/repo-context.js';
import { yamlParser } from '../../context/parsers/yaml.js';
import { isTestDataPath } from '../test-data-paths.js';
import { asRecord, type SourceLayer } from './objects.js';

/** One manifest document before kustomize decides what it is (a resource or a patch). */
export interface RawManifest {
  file: string;
  value: Record<string, unknown>;
  layer: SourceLayer;
}

/** Kinds that configure tools rather than describe cluster objects. */
const TOOL_KINDS = /^(Kustomization|Component)$/;
const TOOL_API = /^(kustomize\.config\.k8s\.io|skaffold|kind\.x-k8s\.io|helm\.sh|config\.kubernetes\.io|kpt\.dev)\b/;
/** Bounds against hostile input: documents per file, list items per `kind: List`. */
const MAX_DOCS_PER_FILE = 2000;
const MAX_ALIASES = 100;

export async function readManifests(repo: RepoContext, excludeDirs: readonly string[], warnings: string[]): Promise<RawManifest[]> {
  const out: RawManifest[] = [];
  for (const f of repo.glob('**/*.{yaml,yml}', { nocase: true })) {
    if (isTestDataPath(f.path) || excludeDirs.some((d) => f.path.startsWith(d))) continue;
    const text = await repo.text(f.path);
    // cheap filter before parsing: a manifest names both fields
    if (text === null || !text.includes('apiVersion') || !text.includes('kind')) continue;
    const parsed = await repo.parse(f.path, yamlParser);
    if (!parsed) continue;
    const lineAt = (offset: number) => parsed.lineAt(offset);
    let docs = 0;
    for (const doc of parsed.docs) {
      if (++docs > MAX_DOCS_PER_FILE) {
        warnings.push(`${f.path}: more than ${MAX_DOCS_PER_FILE} YAML documents; the rest are ignored`);
        break;
      }
      if (doc.errors.length) {
        warnings.push(`${f.path}:${parsed.lineAt(doc.errors[0].pos[0])}: not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
        continue;
      }
      out.push(...documentObjects(f.path, doc, lineAt, warnings));
    }
  }
  return out;
}

/** The objects of one YAML document: itself, or the items of a `kind: List`. */
export function documentObjects(file: string, doc: Document.Parsed, lineAt: (offset: number) => number, warnings: string[]): RawManifest[] {
  const value = toPlain(doc, file, lineAt, warnings);
  if (!isManifest(value) || !doc.contents) return [];
  const node = doc.contents as Node;
  if (/List$/.test(String(value.kind)) && Array.isArray(value.items) && isMap(node)) {
    const itemsNode = node.get('items', true) as Node | undefined;
    if (!itemsNode || !isSeq(itemsNode)) return [];
    return value.items.flatMap((item, i) =>
      isManifest(item) && itemsNode.items[i] ? [{ file, value: item, layer: { file, doc, node: itemsNode.items[i] as Node, lineAt } }] : [],
    );
  }
  return [{ file, value, layer: { file, doc, node, lineAt } }];
}

function toPlain(doc: Document.Parsed, file: string, lineAt: (offset: number) => number, warnings: string[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    const at = doc.contents?.range ? lineAt(doc.contents.range[0]) : 1;
    warnings.push(`${file}:${at}: document skipped (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

function isManifest(value: unknown): value is Record<string, unknown> {
  const v = asRecord(value);
  if (!v || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return false;
  return !TOOL_KINDS.test(v.kind) && !TOOL_API.test(v.apiVersion);
}

/** `metadata.name` / `metadata.namespace` as strings, or null. */
export function metaField(value: Record<string, unknown>, field: 'name' | 'namespace'): string | null {
  const v = asRecord(value.metadata)?.[field];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}
