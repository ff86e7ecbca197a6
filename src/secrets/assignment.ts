/**
 * Finds `key <op> literal` on one line, the way secrets are written in code and config across
 * languages: `KEY = "v"` (Python, shell, TOML, INI), `key: 'v'` (YAML, JS objects), `"key": "v"`
 * (JSON), `key := "v"` (Go), `'key' => 'v'` (PHP, Ruby), `ENV KEY v` (Dockerfile), `<key>v</key>`.
 * A hand-written scanner rather than one big regex: it is linear on any line and tells a literal
 * (`"v"`) from an expression (`os.environ["V"]`, `"a" + b`, f-strings with fields).
 */
import { MAX_KEY, MAX_VALUE, isKeyChar } from './line-shape.js';

export interface Assignment {
  /** Normalised key: lower-case words joined by `_` (dbPassword → db_password). */
  key: string;
  value: string;
  /** Offset of the value in the line. */
  index: number;
}


export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Assignments whose key spans one of `offsets` (where the prefilter found a keyword in the line).
 * `bare`: unquoted values are literals (config formats), not expressions.
 */
export function findAssignments(line: string, offsets: readonly number[], bare: boolean): Assignment[] {
  const starts = new Set<number>();
  const out: Assignment[] = [];
  for (const at of offsets) {
    let s = at;
    while (s > 0 && at - s < MAX_KEY && isKeyChar(line.charCodeAt(s - 1))) s--;
    if (starts.has(s)) continue;
    starts.add(s);
    let e = at;
    while (e < line.length && e - s < MAX_KEY && isKeyChar(line.charCodeAt(e))) e++;
    const found = valueAfter(line, s, e, bare);
    if (found) out.push({ key: normaliseKey(line.slice(s, e)), value: found.value, index: found.index });
  }
  return out;
}

function valueAfter(line: string, keyStart: number, keyEnd: number, bare: boolean): { value: string; index: number } | null {
  let p = keyEnd;
  const xml = keyStart > 0 && line[keyStart - 1] === '<' && line[p] === '>';
  for (let q = 0; q < 2 && p < line.length && `"'\`]`.includes(line[p]); q++) p++;
  p = skipSpace(line, p);
  let literalOnly = !bare;
  if (xml) {
    // `<password>v</password>`; a regex's named group `(?<secret>…)` has no closing tag
    const found = bareValue(line, keyEnd + 1, '<');
    return found && line.startsWith(`</${line.slice(keyStart, keyEnd)}>`, found.index + found.value.length) ? found : null;
  } else if (line.startsWith(':=', p) || line.startsWith('=>', p)) {
    p += 2;
  } else if (line.startsWith('??=', p) || line.startsWith('||=', p)) {
    p += 3;
  } else if (line[p] === '=' && line[p + 1] !== '=') {
    p += 1;
  } else if (line[p] === ':' && line[p + 1] !== ':') {
    p += 1;
    // a type annotation before the value: `password: str = "..."`, `token: string = '...'`
    const annotated = /^\s*[A-Za-z_][\w.[\]|, ]{0,40}?\s*=(?![=>])/.exec(line.slice(p, p + 64));
    if (annotated && !bare) p += annotated[0].length;
  } else if (p > keyEnd && /^\s*(?:ENV|ARG)\s+$/i.test(line.slice(0, keyStart))) {
    literalOnly = false; // Dockerfile `ENV KEY value`
  } else {
    return null;
  }
  p = skipSpace(line, p);
  let c = line[p];
  let fString = false;
  if (c !== undefined && 'rbfuRBFU'.includes(c) && (line[p + 1] === '"' || line[p + 1] === "'")) {
    fString = c === 'f' || c === 'F';
    p++;
    c = line[p];
  }
  if (c === '"' || c === "'" || c === '`') {
    let j = p + 1;
    while (j < line.length && j - p <= MAX_VALUE) {
      const d = line[j];
      if (d === '\\') j += 2;
      else if (d === c) break;
      else j++;
    }
    if (line[j] !== c) return null;
    const value = line.slice(p + 1, j);
    const next = line[skipSpace(line, j + 1)];
    // concatenation, formatting, indexing or a call: the literal is part of an expression
    if (next !== undefined && '+.%[('.includes(next)) return null;
    if ((fString || c === '`') && value.includes('{')) return null;
    return { value, index: p + 1 };
  }
  if (literalOnly) return null;
  return bareValue(line, p, null);
}

function bareValue(line: string, p: number, stop: string | null): { value: string; index: number } | null {
  const c = line[p];
  if (c === undefined || '|>!&*{[#'.includes(c)) return null;
  let j = p;
  while (j < line.length && j - p <= MAX_VALUE) {
    const d = line[j];
    if (d === stop || d === ' ' || d === '\t' || d === '"' || d === "'" || d === '\r') break;
    j++;
  }
  let value = line.slice(p, j);
  value = value.replace(/[,;]+$/, '');
  return value ? { value, index: p } : null;
}

function skipSpace(line: string, p: number): number {
  while (p < line.length && (line[p] === ' ' || line[p] === '\t')) p++;
  return p;
}
