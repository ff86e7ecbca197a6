/**
 * Kubernetes `Secret` manifests: every `stringData` value and every base64-decoded `data` value is
 * a secret whatever its key, so they are judged by value alone; a decoded value that is itself a
 * file (a PEM key, a .env) is scanned like one. Read from the YAML structure with positions.
 */
import { isMap, isScalar, type Document } from 'yaml';
import { yamlParser } from '../context/parsers/yaml.js';
import type { CompiledRule } from './compiled-rule.js';
import type { FileKind } from './file-kind.js';
import type { SecretMatch, SecretScanner } from './scanner.js';
import { looksPublic } from './value-checks.js';

const BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$|^[A-Za-z0-9_-]{4,}={0,2}$/;

export interface KubernetesScan {
  matches: SecretMatch[];
  /** 1-based line ranges of Secret documents: generic assignment matches there are superseded. */
  ranges: Array<[number, number]>;
}

export function scanKubernetesSecrets(text: string, rule: CompiledRule, scanner: SecretScanner, kind: FileKind): KubernetesScan {
  const out: KubernetesScan = { matches: [], ranges: [] };
  let file;
  try {
    file = yamlParser.parse(text, '');
  } catch {
    return out;
  }
  for (const doc of file.docs) {
    if (!isSecretDoc(doc) || !doc.contents?.range) continue;
    out.ranges.push([file.lineAt(doc.contents.range[0]), file.lineAt(Math.max(doc.contents.range[0], doc.contents.range[1] - 1))]);
    for (const field of ['data', 'stringData'] as const) {
      const map = doc.get(field, true);
      if (!isMap(map)) continue;
      for (const pair of map.items) {
        const value = pair.value;
        if (!isScalar(value) || typeof value.value !== 'string' || !value.range) continue;
        const line = file.lineAt(value.range[0]);
        const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
        const plain = field === 'data' ? decodeBase64(value.value) : value.value;
        if (plain === null) continue;
        judge(plain, key, line, rule, scanner, kind, out.matches);
      }
    }
  }
  return out;
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

function isSecretDoc(doc: Document.Parsed): boolean {
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  return doc.get('kind') === 'Secret';
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
