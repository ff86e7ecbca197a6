/**
 * The Kubernetes object model shared by every k8s fact: one object per manifest document (or per
 * rendered Helm document), its effective value, and a way back from any field path to the file and
 * line a user should edit. An object built from several sources (a kustomize base plus an overlay
 * patch) keeps one layer per source; `locate` answers from the layer that defines the field.
 */
import { isMap, isPair, isScalar, isSeq, isAlias, type Document, type Node } from 'yaml';

/** A field path: map keys and list indexes, e.g. `['spec', 'template', 'spec', 'containers', 0]`. */
export type FieldPath = ReadonlyArray<string | number>;

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
}

/** One source of an object: a YAML node in a file, and how offsets in that text map to lines of `file`. */
export interface SourceLayer {
  file: string;
  doc: Document.Parsed;
  node: Node;
  lineAt(offset: number): number;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  /** `metadata.name`; null when missing or not a string. */
  name: string | null;
  /** Effective namespace (own, or set by a kustomization); null = the namespace it is deployed to. */
  namespace: string | null;
  /** Where the object is defined (a kustomize base, a Helm template). */
  file: string;
  /** 1-based line of the document's first key. */
  line: number;
  /** The effective object as plain data (overlay patches merged, Helm values rendered). */
  value: Record<string, unknown>;
  source: 'manifest' | 'helm';
  /** For Helm objects: the chart directory. */
  chart?: string;
  /** The kustomize overlay whose patches are merged in, when there is one. */
  overlay?: string;
  /** The file and line of a field, or of its deepest ancestor that exists in some source. */
  locate(path: FieldPath): SourceLocation;
}

export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Plain-data lookup along a path; undefined when any step is missing. */
export function getPath(value: unknown, path: FieldPath): unknown {
  let cur = value;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = asRecord(cur)?.[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * Builds an object from its layers: `layers[0]` is the base, later layers are patches over it.
 * `value` is the already-merged plain data, used to translate list indexes into element names, so
 * container 2 of the merged object is found by name in a patch that lists only that container.
 */
export function makeObject(init: Omit<K8sObject, 'locate' | 'file' | 'line'>, layers: SourceLayer[]): K8sObject {
  const base = layers[0];
  return {
    ...init,
    file: base.file,
    line: lineOfNode(base, base.node),
    locate(path) {
      let best: { layer: SourceLayer; node: Node; depth: number } = { layer: base, node: base.node, depth: -1 };
      for (const layer of layers) {
        const found = descend(layer, init.value, path);
        // the base wins ties: it is where the object is defined
        if (found.depth > best.depth) best = { layer, ...found };
        if (found.depth === path.length) break;
      }
      return { file: best.layer.file, line: lineOfNode(best.layer, best.node) };
    },
  };
}

function descend(layer: SourceLayer, merged: unknown, path: FieldPath): { node: Node; depth: number } {
  let node: Node = layer.node;
  let data = merged;
  let depth = 0;
  for (const key of path) {
    const current = resolveAlias(layer, node);
    let next: Node | null = null;
    if (typeof key === 'number' && isSeq(current)) {
      const wanted = asRecord(Array.isArray(data) ? data[key] : undefined)?.name;
      const items = current.items as Node[];
      next = typeof wanted === 'string' ? (items.find((item) => nameOf(layer, item) === wanted) ?? null) : (items[key] ?? null);
    } else if (typeof key === 'string' && isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      // a missing value (`key:`) still locates the key
      if (pair) next = (pair.value as Node | null) ?? (pair.key as Node);
      if (pair && depth === path.length - 1) next = pair.key as Node;
    }
    if (!next) break;
    node = next;
    data = typeof key === 'number' ? (Array.isArray(data) ? data[key] : undefined) : asRecord(data)?.[key];
    depth++;
  }
  return { node, depth };
}

function nameOf(layer: SourceLayer, item: Node): unknown {
  const map = resolveAlias(layer, item);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'name');
  return pair && isScalar(pair.value) ? pair.value.value : undefined;
}

function resolveAlias(layer: SourceLayer, node: Node): Node {
  if (!isAlias(node)) return node;
  try {
    return (node.resolve(layer.doc) as Node | undefined) ?? node;
  } catch {
    return node;
  }
}

function lineOfNode(layer: SourceLayer, node: Node): number {
  if (isMap(node) && node.items.length && isPair(node.items[0]) && (node.items[0].key as Node | null)?.range) {
    return layer.lineAt((node.items[0].key as Node).range![0]);
  }
  return node.range ? layer.lineAt(node.range[0]) : 1;
}
