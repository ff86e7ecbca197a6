/**
 * A CI file's YAML as a small positioned tree: aliases and `<<` merge keys expanded (CI systems
 * rely on both, GitLab above all), every node carrying its file and offsets so a finding can name
 * the line of the exact scalar it is about — also when that scalar came from an included file.
 *
 * Expansion copies nodes, so a billion-laughs document would explode: a node budget bounds the
 * work and turns such a file into a problem instead of an out-of-memory crash.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

export interface Source {
  path: string;
  text: string;
  lineAt(offset: number): number;
}

interface Base {
  src: Source;
  /** 1-based line of the node's first character. */
  line: number;
  start: number;
  end: number;
}
export interface YScalar extends Base {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** yaml's scalar style: PLAIN, QUOTE_SINGLE, QUOTE_DOUBLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  style: string;
}
export interface YSeq extends Base {
  kind: 'seq';
  items: YNode[];
  tag?: string;
}
export interface YMap extends Base {
  kind: 'map';
  pairs: YPair[];
}
export interface YPair {
  key: string;
  line: number;
  value: YNode;
}
export type YNode = YScalar | YSeq | YMap;

/** Expanded nodes per file: far above any real workflow, far below what an alias bomb needs. */
export const MAX_TREE_NODES = 250_000;
const MAX_DEPTH = 200;

export class TreeLimitError extends Error {}

type AnyNode = unknown;

export function toTree(doc: Document.Parsed, src: Source, limit = MAX_TREE_NODES): YNode | null {
  // Measure first over the alias DAG (linear in the document), so a bomb costs nothing to refuse.
  if (expandedSize(doc, doc.contents, new Map(), limit) > limit) {
    throw new TreeLimitError(`more than ${limit} nodes after expanding aliases, or nested deeper than ${MAX_DEPTH} levels (an alias bomb?)`);
  }
  let budget = limit;
  const at = (range: readonly number[] | null | undefined) => {
    const start = range?.[0] ?? 0;
    return { src, start, end: range?.[1] ?? start, line: src.lineAt(start) };
  };
  const convert = (node: AnyNode, depth: number, fallback: readonly number[] | null | undefined): YNode => {
    if (--budget < 0) throw new TreeLimitError(`more than ${limit} nodes after expanding aliases (an alias bomb?)`);
    if (depth > MAX_DEPTH) throw new TreeLimitError(`nested deeper than ${MAX_DEPTH} levels`);
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? convert(target, depth + 1, node.range) : { kind: 'scalar', value: null, style: 'PLAIN', ...at(node.range) };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      return { kind: 'scalar', value, style: String(node.type ?? 'PLAIN'), ...at(node.range ?? fallback) };
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => convert(item, depth + 1, node.range));
      return { kind: 'seq', items, tag: node.tag, ...at(node.range ?? fallback) };
    }
    if (isMap(node)) {
      const own: YPair[] = [];
      const merged: YPair[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value) : isAlias(keyNode) ? String(aliasKey(keyNode.resolve(doc))) : '';
        const keyAt = at((keyNode as { range?: number[] } | null)?.range ?? node.range);
        const value = pair.value === null || pair.value === undefined
          ? ({ kind: 'scalar', value: null, style: 'PLAIN', ...keyAt } as YScalar)
          : convert(pair.value, depth + 1, [keyAt.start, keyAt.end]);
        if (key === '<<' && (!isScalar(keyNode) || keyNode.type === 'PLAIN')) {
          for (const source of value.kind === 'seq' ? value.items : [value]) if (source.kind === 'map') merged.push(...source.pairs);
        } else {
          const dup = own.findIndex((p) => p.key === key);
          if (dup >= 0) own.splice(dup, 1);
          own.push({ key, line: keyAt.line, value });
        }
      }
      // Explicit keys win over merged ones; among merged sources the first wins (YAML merge-key spec).
      const pairs = [...own];
      for (const p of merged) if (!pairs.some((q) => q.key === p.key)) pairs.push(p);
      return { kind: 'map', pairs, ...at(node.range ?? fallback) };
    }
    return { kind: 'scalar', value: null, style: 'PLAIN', ...at(fallback) };
  };
  return doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 0, undefined);
}

/** Nodes the expansion would create, memoised per shared node; past `cap` the exact figure does not matter. */
function expandedSize(doc: Document.Parsed, node: AnyNode, memo: Map<unknown, number>, cap: number, depth = 0): number {
  if (node === null || node === undefined) return 0;
  if (depth > MAX_DEPTH) return cap + 1;
  const known = memo.get(node);
  if (known !== undefined) return known;
  memo.set(node, cap + 1); // an alias back into its own ancestor never finishes expanding
  let size = 1;
  if (isAlias(node)) size = expandedSize(doc, node.resolve(doc), memo, cap, depth + 1);
  else if (isSeq(node)) for (const item of node.items) size = Math.min(cap + 1, size + expandedSize(doc, item, memo, cap, depth + 1));
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair)) size = Math.min(cap + 1, size + expandedSize(doc, pair.key, memo, cap, depth + 1) + expandedSize(doc, pair.value, memo, cap, depth + 1));
    }
  }
  memo.set(node, size);
  return size;
}

function aliasKey(node: AnyNode): unknown {
  return isScalar(node) ? node.value : '';
}

export function get(node: YNode | undefined, key: string): YNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.pairs.length - 1; i >= 0; i--) if (node.pairs[i].key === key) return node.pairs[i].value;
  return undefined;
}

export function pairOf(node: YNode | undefined, key: string): YPair | undefined {
  return node?.kind === 'map' ? node.pairs.find((p) => p.key === key) : undefined;
}

/** A scalar as text (numbers and booleans stringified); undefined for collections and null. */
export function str(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A sequence's items, a lone scalar or map as a one-item list (CI keys accept both forms). */
export function list(node: YNode | undefined): YNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar' && node.value === null) return [];
  return [node];
}

export function isTrue(node: YNode | undefined): boolean {
  const v = node?.kind === 'scalar' ? node.value : undefined;
  return v === true || v === 'true';
}
