/**
 * The secret scan over a file's raw UTF-8 bytes. The keyword prefilter runs on the bytes, and only
 * the lines where a keyword occurs are decoded and handed to the line engine, so the text of a
 * large tree is mostly never decoded or copied. The findings equal those of `scanner.scan` over
 * the decoded file (the engine test holds them to that): lines are cut at '\n', which never occurs
 * inside a multi-byte character, so every decoded line is exactly that line of the decoded text.
 */
import { fileKind } from './file-kind.js';
import type { SecretMatch, SecretScanner } from './scanner.js';

const NEWLINE = 10;
/** Notebooks are read as whole documents (their sources are JSON-escaped), and so are... */
const NOTEBOOK = /\.ipynb$/i;
/** ...YAML files that may hold a Kubernetes Secret, whose values are read from its structure. */
const YAML = /\.ya?ml$/i;

export function scanBytes(scanner: SecretScanner, bytes: Uint8Array, path: string): SecretMatch[] {
  const index = scanner.compiled.index;
  // Buffer#toString decodes a range as TextDecoder does, without a view object per line
  const text = asBuffer(skipBom(bytes));
  // (the text scan looks for `kind: Secret`: without "Secret" anywhere, a YAML file is lines)
  if (!index.ascii || NOTEBOOK.test(path) || (YAML.test(path) && text.includes('Secret'))) return scanner.scan(text.toString('utf8'), path);
  const kind = fileKind(path);
  const n = text.length;
  const found: SecretMatch[] = [];
  const gate = scanner.compiled.gate;
  const candidates = index.candidateLines(text);
  let line = 1;
  let countedTo = 0;
  let covered = 0;
  for (let c = 0; c < candidates.length; c += 2) {
    const start = candidates[c];
    if (start < covered) continue; // already read as part of a multi-line window
    let end = candidates[c + 1];
    if (!gate.needed(text, start, end, kind)) continue;
    let lines = text.toString('utf8', start, end);
    if (scanner.compiled.needsWindow(lines)) {
      // a multi-line rule (a private key block) reads on from its line: give it what it may read
      end = lineEnd(text, Math.min(n, start + 4 * scanner.compiled.maxWindow));
      lines = text.toString('utf8', start, end);
    }
    covered = end;
    const before = found.length;
    scanner.scanLines(lines, kind, found);
    if (found.length > before) {
      // line numbers are counted only up to lines that matched: most candidate lines do not
      for (; countedTo < start; countedTo++) if (text[countedTo] === NEWLINE) line++;
      for (let i = before; i < found.length; i++) found[i].line += line - 1;
    }
  }
  return scanner.settle(found);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function lineEnd(text: Uint8Array, from: number): number {
  let end = from;
  while (end < text.length && text[end] !== NEWLINE) end++;
  return end;
}

function skipBom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
