/**
 * Loads a YAML (or JSON) configuration document and validates it against a JSON Schema, turning
 * every problem into `file:line:column: path message` so the user can go straight to it.
 */
import type { Document, LineCounter, Node } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { yamlModule } from './yaml-module.js';

export interface LoadedDocument<T> {
  value: T;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  file: string;
}

/** Parses and validates; throws ConfigError on syntax or schema problems. */
export function loadValidated<T>(
  file: string,
  text: string,
  validate: ValidateFunction,
  displayFile = file,
  /** Validate only the value under this key (e.g. `mina` in package.json). */
  subKey?: string,
): LoadedDocument<T> {
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.slice(0, 5).map((e) => ({
        file: displayFile,
        line: e.linePos?.[0].line,
        column: e.linePos?.[0].col,
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
    if (subKey) value = (value as Record<string, unknown>)[subKey] ?? {};
  } catch (err) {
    throw new ConfigError({ file: displayFile, line: 1, column: 1, message: `invalid YAML: ${(err as Error).message}` });
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .filter(isReportable)
      .map((e) => toProblem(e, doc, lineCounter, displayFile, subKey ? [subKey] : []));
    throw new ConfigError(dedupe(problems));
  }
  return { value: value as T, doc, lineCounter, file };
}

// `if`/`anyOf` wrappers repeat what their branches already said.
function isReportable(e: ErrorObject): boolean {
  return e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf';
}

function toProblem(e: ErrorObject, doc: Document.Parsed, lc: LineCounter, file: string, prefix: string[]): ConfigProblem {
  const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
  const path = formatPath(segments);
  let node = nodeAt(doc, [...prefix, ...segments]);
  let message: string;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      node = keyNode(node, key) ?? node;
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const where = path ? ` in ${path}` : '';
      message = `unknown key "${key}"${where}` + (allowed.length ? ` (expected one of: ${allowed.join(', ')})` : '');
      break;
    }
    case 'required':
      message = `${path || 'the document'} is missing the required key "${String(e.params.missingProperty)}"`;
      break;
    case 'type':
      message = `${path || 'the document'} must be ${article(String(e.params.type))}`;
      break;
    case 'enum':
      message = `${path} must be one of: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      message = `${path || 'the document'} ${e.message ?? 'is invalid'}`;
  }
  const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
  return { file, line: pos.line, column: pos.col, message };
}

function nodeAt(doc: Document.Parsed, segments: string[]): Node | null {
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n).map(keyOf), true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return null;
}

function keyOf(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

function keyNode(node: Node | null, key: string): Node | null {
  const { isMap, isPair, isScalar } = yamlModule();
  if (!node || !isMap(node)) return null;
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
  }
  return null;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `categories[2].weight`, `checks["ops.runbooks"].weight`. */
export function formatPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function article(type: string): string {
  const types = type.split(',');
  return types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ');
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
