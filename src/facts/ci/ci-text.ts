/**
 * CiText from YAML scalars: a script's value with a way back to source lines, so a finding about
 * line 7 of a `run: |` block points at line 7 of that block, not at the `run:` key.
 */
import type { CiText } from './model.js';
import type { YNode, YScalar } from './yaml-tree.js';

export function textOf(node: YNode | undefined): CiText | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return scalarText(node);
}

function scalarText(node: YScalar): CiText {
  const text = String(node.value);
  const file = node.src.path;
  if (node.style === 'BLOCK_LITERAL') {
    // Each value line is one source line after the `|` header.
    return { text, file, line: node.line, lineAt: (i) => node.line + 1 + countNewlines(text, Math.max(0, Math.min(i, text.length))) };
  }
  if (!text.includes('\n') && node.style !== 'BLOCK_FOLDED') return fixedText(text, file, node.line);
  // Folded, multi-line plain or quoted: lines are re-wrapped, so find the same occurrence of the
  // word at `i` in the source slice.
  const source = node.src.text.slice(node.start, node.end);
  return {
    text,
    file,
    line: node.line,
    lineAt: (i) => {
      const word = wordAt(text, i);
      if (!word) return node.line;
      let nth = 0;
      for (let at = text.indexOf(word); at >= 0 && at < i; at = text.indexOf(word, at + 1)) nth++;
      let at = -1;
      for (let k = 0; k <= nth; k++) {
        at = source.indexOf(word, at + 1);
        if (at < 0) return node.line;
      }
      return node.src.lineAt(node.start + at);
    },
  };
}

function wordAt(text: string, i: number): string {
  let start = Math.max(0, Math.min(i, text.length));
  while (start < text.length && /\s/.test(text[start])) start++;
  let end = start;
  while (end < text.length && end - start < 60 && !/\s/.test(text[end])) end++;
  return text.slice(start, end);
}

/** Text that lives on one known line (or whose inner lines cannot be mapped). */
export function fixedText(text: string, file: string, line: number): CiText {
  return { text, file, line, lineAt: () => line };
}

/** Text cut out of a larger file at a known offset (Jenkinsfile string literals). */
export function slicedText(text: string, file: string, offset: number, lineAt: (offset: number) => number): CiText {
  return { text, file, line: lineAt(offset), lineAt: (i) => lineAt(offset + Math.max(0, Math.min(i, text.length))) };
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
