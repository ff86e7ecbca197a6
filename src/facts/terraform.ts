/**
 * Terraform (HCL) blocks with their attributes and nested blocks, enough to read settings such as
 * `backup_retention_period`, `ttl { enabled = true }` or an `aws_backup_plan` rule. A line-oriented
 * reader of HCL's block syntax: comments, heredocs and quoted strings are skipped; multi-line
 * values (lists, maps) are kept as their first line. Expressions are not evaluated.
 */
import { defineFact } from '../context/repo-context.js';
import { isTestDataPath } from './test-data-paths.js';

export interface TfAttribute {
  value: string;
  line: number;
}

export interface TfBlock {
  /** `resource`, `module`, `backup_configuration`, `rule` … */
  type: string;
  labels: string[];
  file: string;
  line: number;
  attrs: Map<string, TfAttribute>;
  blocks: TfBlock[];
}

const HEADER = /^([A-Za-z_][\w-]*)((?:\s+(?:"[^"]*"|[A-Za-z_][\w-]*))*)\s*\{\s*(\}?)\s*$/;
const ATTRIBUTE = /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/;

export const terraformFact = defineFact<TfBlock[]>('terraform', async (repo) => {
  const out: TfBlock[] = [];
  for (const f of repo.glob(['**/*.tf'])) {
    if (isTestDataPath(f.path)) continue;
    const text = await repo.text(f.path);
    if (text !== null) out.push(...parseHcl(text, f.path));
  }
  return out;
});

export function parseHcl(text: string, file: string): TfBlock[] {
  const top: TfBlock[] = [];
  const stack: TfBlock[] = [];
  const lines = text.split('\n');
  let heredoc: string | null = null;
  let inComment = false;
  let skipDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].length > 4096 ? '' : lines[i];
    if (heredoc) {
      if (line.trim() === heredoc) heredoc = null;
      continue;
    }
    if (inComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inComment = false;
      line = line.slice(end + 2);
    }
    line = stripComment(line);
    const start = line.indexOf('/*');
    if (start >= 0 && line.indexOf('*/', start) < 0) {
      inComment = true;
      line = line.slice(0, start);
    }
    const t = line.trim();
    if (!t) continue;
    if (skipDepth > 0) {
      skipDepth += balance(t);
      continue;
    }
    // the header pattern only runs on short lines ending in `{`: no backtracking on long junk lines
    const h = t.length < 1000 && /\{\s*\}?$/.test(t) ? HEADER.exec(t) : null;
    if (h) {
      const block: TfBlock = { type: h[1], labels: [...h[2].matchAll(/"([^"]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]), file, line: i + 1, attrs: new Map(), blocks: [] };
      (stack.length ? stack[stack.length - 1].blocks : top).push(block);
      if (!h[3]) stack.push(block);
      continue;
    }
    if (t === '}' || t.startsWith('}')) {
      stack.pop();
      continue;
    }
    const a = ATTRIBUTE.exec(t);
    if (a && stack.length) {
      const value = a[2].trim();
      const doc = /^<<-?\s*([A-Za-z_]\w*)\s*$/.exec(value);
      if (doc) heredoc = doc[1];
      stack[stack.length - 1].attrs.set(a[1], { value: unquote(value), line: i + 1 });
      const open = balance(value);
      if (open > 0) skipDepth = open;
    }
  }
  return top;
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && line[i - 1] !== '\\') inString = !inString;
    else if (!inString && (c === '#' || (c === '/' && line[i + 1] === '/'))) return line.slice(0, i);
  }
  return line;
}

/** Opening minus closing brackets outside strings. */
function balance(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    else if (!inString && (c === '{' || c === '[' || c === '(')) n++;
    else if (!inString && (c === '}' || c === ']' || c === ')')) n--;
  }
  return n;
}

function unquote(v: string): string {
  return /^"[^"]*"$/.test(v) ? v.slice(1, -1) : v;
}

/** Every block under `blocks`, depth first. */
export function* walkBlocks(blocks: readonly TfBlock[]): Generator<TfBlock> {
  for (const b of blocks) {
    yield b;
    yield* walkBlocks(b.blocks);
  }
}
