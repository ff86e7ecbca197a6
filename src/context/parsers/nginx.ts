/**
 * nginx configuration as a tree of directives (`name args…;` and `name args… { … }`) with 1-based
 * lines. One linear pass over the text: quotes, escapes and `#` comments are honoured, variables and
 * includes are left as written. Unbalanced braces close at end of file instead of failing.
 */
import { defineParser } from './parser.js';

export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  /** Directives inside `{ … }`, or null for a simple directive. */
  block: NginxDirective[] | null;
}

const MAX_DEPTH = 64;

export const nginxParser = defineParser<NginxDirective[]>('nginx', (text) => {
  const root: NginxDirective[] = [];
  const stack: NginxDirective[][] = [root];
  let words: string[] = [];
  let firstLine = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  const push = (block: NginxDirective[] | null) => {
    if (words.length === 0) return;
    const d: NginxDirective = { name: words[0], args: words.slice(1), line: firstLine, block };
    stack[stack.length - 1].push(d);
    words = [];
    if (block) {
      if (stack.length < MAX_DEPTH) stack.push(block);
      else stack.push([]); // too deep: parse on, keep nothing
    }
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === ';') {
      push(null);
      i++;
    } else if (c === '{') {
      push([]);
      i++;
    } else if (c === '}') {
      words = [];
      if (stack.length > 1) stack.pop();
      i++;
    } else {
      if (words.length === 0) firstLine = line;
      let word = '';
      if (c === '"' || c === "'") {
        i++;
        while (i < n && text[i] !== c) {
          if (text[i] === '\\' && i + 1 < n) i++;
          if (text[i] === '\n') line++;
          word += text[i++];
        }
        i++;
      } else {
        while (i < n && !' \t\r\n;{}'.includes(text[i])) {
          if (text[i] === '\\' && i + 1 < n) i++;
          word += text[i++];
        }
      }
      words.push(word);
    }
  }
  push(null);
  return root;
});

/** Every directive with its ancestors (outermost first), depth-first. */
export function* walkNginx(directives: readonly NginxDirective[], ancestors: NginxDirective[] = []): Generator<{ directive: NginxDirective; ancestors: NginxDirective[] }> {
  for (const d of directives) {
    yield { directive: d, ancestors };
    if (d.block) yield* walkNginx(d.block, [...ancestors, d]);
  }
}
