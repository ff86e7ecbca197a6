/**
 * JSON with positions, for lockfiles whose findings must name a line: jsonc-parser's syntax tree
 * plus helpers to walk object properties with the line of each key.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { defineParser } from '../../context/parsers/parser.js';
import { LineIndex } from './line-index.js';

export interface JsonTree {
  root: Node | undefined;
  lines: LineIndex;
  error: { message: string; line: number } | null;
}

export const jsonTreeParser = defineParser<JsonTree>('json-tree', (text) => {
  const errors: ParseError[] = [];
  const root = parseTree(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineIndex(text);
  const first = errors[0];
  return { root, lines, error: first ? { message: `JSON syntax error: ${printParseErrorCode(first.error)}`, line: lines.lineAt(first.offset) } : null };
});

/** Property of an object node, by key. */
export function child(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** Each property of an object node: key, value node and the key's offset. */
export function* properties(node: Node | undefined): Generator<{ key: string; value: Node; offset: number }> {
  if (node?.type !== 'object') return;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v && typeof k.value === 'string') yield { key: k.value, value: v, offset: k.offset };
  }
}

export function stringAt(node: Node | undefined, key: string): string | null {
  const v = child(node, key);
  return v?.type === 'string' ? (v.value as string) : null;
}

export function boolAt(node: Node | undefined, key: string): boolean {
  return child(node, key)?.value === true;
}
