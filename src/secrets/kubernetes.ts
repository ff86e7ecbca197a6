/**
 * Kubernetes `Secret` manifests: every `stringData` value and every base64-decoded `data` value is
 * a secret whatever its key, so they are judged by value alone; a decoded value that is itself a
 * file (a PEM key, a .env) is scanned like one.
 *
 * Read line by line rather than with a YAML parser: Secret entries are block mappings of plain or
 * quoted scalars (and `|` blocks), and a general parser can take a second on one hostile line,
 * which this scan must never do. Flow mappings (`data: {a: b}`) are not read.
 */
import type { CompiledRule } from './compiled-rule.js';
import type { FileKind } from './file-kind.js';
import type { SecretMatch, SecretScanner } from './scanner.js';
import { looksPublic } from './value-checks.js';

const BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$|^[A-Za-z0-9_-]{4,}={0,2}$/;
const KIND_SECRET = /^kind:\s{0,8}["']?Secret["']?\s{0,8}(?:#.*)?$/;
const SECTION = /^(data|stringData):\s{0,8}(?:#.*)?$/;
const ENTRY = /^( {1,16})(["']?)([A-Za-z0-9_.-]{1,253})\2:(?:\s{1,8}(.*))?$/;

export interface KubernetesScan {
  matches: SecretMatch[];
  /** 1-based line ranges of Secret documents: generic assignment matches there are superseded. */
  ranges: Array<[number, number]>;
}

export function scanKubernetesSecrets(text: string, rule: CompiledRule, scanner: SecretScanner, kind: FileKind): KubernetesScan {
  const out: KubernetesScan = { matches: [], ranges: [] };
  const lines = text.split('\n');
  let docStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !lines[i].startsWith('---')) continue;
    if (lines.slice(docStart, i).some((l) => KIND_SECRET.test(l.trimEnd()))) {
      out.ranges.push([docStart + 1, i]);
      readSecretDoc(lines, docStart, i, rule, scanner, kind, out.matches);
    }
    docStart = i + 1;
  }
  return out;
}

function readSecretDoc(lines: string[], from: number, to: number, rule: CompiledRule, scanner: SecretScanner, kind: FileKind, out: SecretMatch[]): void {
  for (let i = from; i < to; i++) {
    const section = SECTION.exec(lines[i].trimEnd())?.[1];
    if (!section) continue;
    let indent: string | null = null;
    for (let j = i + 1; j < to; j++) {
      const line = lines[j].trimEnd();
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const entry = ENTRY.exec(line);
      if (!entry || (indent !== null && entry[1] !== indent)) {
        // deeper lines belong to the previous entry's block scalar; anything else ends the section
        if (indent !== null && line.startsWith(indent + ' ')) continue;
        break;
      }
      indent ??= entry[1];
      let raw = (entry[4] ?? '').trim();
      let k = j;
      if (/^[|>][-+]?$/.test(raw)) {
        const block: string[] = [];
        while (k + 1 < to && (lines[k + 1].startsWith(indent + ' ') || lines[k + 1].trim() === '')) block.push(lines[++k].trim());
        raw = block.join('\n').trim();
      } else {
        raw = unquote(raw.replace(/\s+#.*$/, ''));
      }
      const plain = section === 'data' ? decodeBase64(raw) : raw;
      if (plain !== null && plain !== '') judge(plain, entry[3].toLowerCase(), j + 1, rule, scanner, kind, out);
      j = k;
    }
  }
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) return v.slice(1, -1);
  return v;
}

function judge(plain: string, key: string, line: number, rule: CompiledRule, scanner: SecretScanner, kind: FileKind, out: SecretMatch[]): void {
  // a file inside the secret (PEM, .env, JSON credentials): scan its content, report on this line
  const inner: SecretMatch[] = [];
  scanner.scanLines(plain, { ...kind, bareValues: true }, inner);
  if (inner.length > 0) {
    for (const m of inner) out.push({ ...m, line, column: 1 });
    return;
  }
  const value = plain.trim();
  if (value.includes('\n')) return;
  if (!scanner.compiled.acceptsValue(rule, value) || looksPublic(value, { exampleFile: kind.example, key })) return;
  out.push(scanner.match(rule, value, line, 0, kind));
}

/** The decoded text, or null when the value is not base64 of text (binary data is not judged). */
function decodeBase64(value: string): string | null {
  const v = value.replace(/\s+/g, '');
  if (!BASE64.test(v)) return null;
  const bytes = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
  const text = bytes.toString('utf8');
  // control characters other than whitespace, or invalid UTF-8: binary
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return null;
  return text;
}
