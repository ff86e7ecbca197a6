/**
 * What an expression evaluates to, as far as a static reader can tell: literals, lists, dicts and
 * object literals, simple constants followed through assignments and local imports, and reads of
 * the environment (`os.environ`, `os.getenv`, `environ.Env`, `decouple.config`, `process.env`) with
 * their fallbacks. Anything else is `call` (with its origin) or `unknown` — a value from config,
 * which checks treat as configured rather than guess.
 */
import type { SgNode } from '@ast-grep/napi';
import { kindOf, shortText } from '../../context/parsers/code.js';
import type { CodeFile, CodeIndex } from './code-index.js';
import { definitionOf, exportedValue, originIs, originOf, type Origin } from './resolve.js';
import { isFunctionNode } from './scope.js';

export type Value =
  | { kind: 'string'; value: string; node: SgNode }
  | { kind: 'number'; value: number; node: SgNode }
  | { kind: 'bool'; value: boolean; node: SgNode }
  | { kind: 'null'; node: SgNode }
  | { kind: 'list'; items: Value[]; node: SgNode }
  /** Dict / object literal with literal keys; `spread` when `**x` / `...x` may add more. */
  | { kind: 'map'; entries: Map<string, Value>; spread: boolean; node: SgNode }
  /** An environment read; `fallback` is what it is when the variable is unset (null: unset/None). */
  | { kind: 'env'; name: string | null; fallback: Value | null; node: SgNode }
  | { kind: 'regex'; source: string; node: SgNode }
  | { kind: 'function'; node: SgNode }
  | { kind: 'call'; origin: Origin | null; node: SgNode }
  | { kind: 'unknown'; node: SgNode };

const MAX_DEPTH = 12;
const PY_CASTS = new Set(['str', 'int', 'bool', 'float', 'list', 'tuple', 'set', 'frozenset']);
const JS_CASTS = new Set(['Boolean', 'Number', 'String', 'parseInt', 'parseFloat']);
const STRING_METHODS = new Set(['split', 'lower', 'upper', 'strip', 'trim', 'toLowerCase', 'toUpperCase', 'rstrip', 'lstrip', 'splitlines', 'replace', 'map', 'filter']);

/** Node visits allowed per top-level evaluation: branching (fallbacks, containers) stays linear. */
const MAX_STEPS = 400;
let steps = 0;

export function valueOf(index: CodeIndex, file: CodeFile, node: SgNode, depth = 0): Value {
  const unknown: Value = { kind: 'unknown', node };
  if (depth === 0) steps = 0; // evaluation is synchronous, so one counter per top-level call is safe
  if (depth > MAX_DEPTH || ++steps > MAX_STEPS) return unknown;
  const v = (n: SgNode | null | undefined) => (n ? valueOf(index, file, n, depth + 1) : unknown);
  const python = file.lang === 'python';
  switch (node.kind()) {
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
    case 'await_expression':
      return v(node.namedChildren()[0]);
    case 'string':
      return stringValue(node) ?? unknown;
    case 'concatenated_string': {
      const parts = node.namedChildren().map(stringValue);
      return parts.every((p) => p) ? { kind: 'string', value: parts.map((p) => (p as { value: string }).value).join(''), node } : unknown;
    }
    case 'template_string':
      return node.children().some((c) => c.kind() === 'template_substitution') ? unknown : { kind: 'string', value: fragments(node), node };
    case 'integer':
    case 'float':
    case 'number':
      return { kind: 'number', value: Number(node.text().replace(/_/g, '')), node };
    case 'true':
    case 'false':
      return { kind: 'bool', value: node.kind() === 'true', node };
    case 'none':
    case 'null':
    case 'undefined':
      return { kind: 'null', node };
    case 'list':
    case 'tuple':
    case 'set':
    case 'array':
      return { kind: 'list', items: node.namedChildren().filter((c) => c.kind() !== 'comment').map((c) => v(c)), node };
    case 'dictionary':
    case 'object':
      return mapValue(index, file, node, depth);
    case 'regex':
      return { kind: 'regex', source: node.field('pattern')?.text() ?? '', node };
    case 'lambda':
    case 'arrow_function':
    case 'function_expression':
    case 'function':
      return { kind: 'function', node };
    case 'identifier': {
      if (!python && node.text() === 'undefined') return { kind: 'null', node };
      const def = definitionOf(file, node.text(), node);
      if (def) return isFunctionNode(def) ? { kind: 'function', node: def } : v(def);
      const binding = [...file.imports].reverse().find((b) => b.local === node.text() && b.name);
      const local = binding ? index.resolveModule(file, binding.module) : undefined;
      const target = local && binding?.name ? exportedValue(local, binding.name) : null;
      return target && local ? valueOf(index, local, target, depth + 1) : unknown;
    }
    case 'subscript':
    case 'subscript_expression':
      return subscriptValue(index, file, node, depth) ?? unknown;
    case 'member_expression':
    case 'attribute': {
      const o = node.field('object');
      const prop = node.field(python ? 'attribute' : 'property')?.text();
      if (o && !python && (originIs(originOf(index, file, o), 'process', 'env') || shortText(o) === 'import.meta.env')) return { kind: 'env', name: prop ?? null, fallback: null, node };
      return unknown;
    }
    case 'call':
    case 'call_expression':
    case 'new_expression':
      return callValue(index, file, node, depth);
    case 'boolean_operator':
    case 'binary_expression':
      return operatorValue(index, file, node, depth);
    case 'comparison_operator':
      return comparisonValue(index, file, node, depth);
    case 'not_operator':
    case 'unary_expression': {
      const inner = v(node.namedChildren()[0]);
      if (inner.kind === 'env') return { kind: 'env', name: inner.name, fallback: null, node };
      const t = truthy(inner);
      return (node.kind() === 'not_operator' || node.text().startsWith('!')) && t !== null ? { kind: 'bool', value: !t, node } : unknown;
    }
    default:
      return unknown;
  }
}

/** Python truthiness of a value, or null when it cannot be known statically. */
export function truthy(value: Value | null): boolean | null {
  if (!value) return false;
  switch (value.kind) {
    case 'bool':
      return value.value;
    case 'string':
      return value.value.length > 0;
    case 'number':
      return value.value !== 0;
    case 'null':
      return false;
    case 'list':
      return value.items.length > 0;
    case 'map':
      return value.entries.size > 0 || (value.spread ? null : false);
    case 'function':
    case 'regex':
      return true;
    default:
      return null;
  }
}

/** Strings of a value that is a string or a list of strings (other items ignored). */
export function stringsOf(value: Value): string[] {
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'list') return value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return [];
}

function stringValue(node: SgNode): Value | null {
  if (node.kind() !== 'string') return null;
  if (node.children().some((c) => c.kind() === 'interpolation')) return null; // f-string with substitutions
  return { kind: 'string', value: fragments(node), node };
}

function fragments(node: SgNode): string {
  return node
    .children()
    .filter((c) => ['string_content', 'string_fragment', 'escape_sequence'].includes(kindOf(c)))
    .map((c) => c.text())
    .join('');
}

function mapValue(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Value {
  const entries = new Map<string, Value>();
  let spread = false;
  for (const c of node.namedChildren()) {
    const kind = c.kind();
    if (kind === 'pair') {
      const key = c.field('key');
      const value = c.field('value');
      const name = key ? (key.kind() === 'string' ? fragments(key) : ['property_identifier', 'identifier', 'number', 'integer'].includes(kindOf(key)) && file.lang !== 'python' ? key.text() : null) : null;
      if (name !== null && value) entries.set(name, valueOf(index, file, value, depth + 1));
    } else if (kind === 'shorthand_property_identifier') {
      const def = definitionOf(file, c.text(), c);
      entries.set(c.text(), def ? valueOf(index, file, def, depth + 1) : { kind: 'unknown', node: c });
    } else if (kind === 'spread_element' || kind === 'dictionary_splat') {
      spread = true;
    } else if (kind === 'method_definition') {
      const name = c.field('name')?.text();
      if (name) entries.set(name, { kind: 'function', node: c });
    }
  }
  return { kind: 'map', entries, spread, node };
}

function subscriptValue(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Value | null {
  const python = file.lang === 'python';
  const obj = node.field(python ? 'value' : 'object');
  const key = python ? node.field('subscript') : node.field('index');
  if (!obj || !key) return null;
  const keyValue = valueOf(index, file, key, depth + 1);
  const name = keyValue.kind === 'string' ? keyValue.value : null;
  const o = originOf(index, file, obj);
  if (originIs(o, 'os', 'environ') || originIs(o, 'process', 'env')) return { kind: 'env', name, fallback: null, node };
  const container = valueOf(index, file, obj, depth + 1);
  if (container.kind === 'map' && name !== null) return container.entries.get(name) ?? null;
  if (container.kind === 'list' && keyValue.kind === 'number') return container.items[keyValue.value] ?? null;
  return null;
}

/** Env readers: `os.environ.get`, `os.getenv`, `decouple.config`, `environ.Env()(…)` and its typed helpers. */
function envReader(o: Origin | null): boolean {
  if (!o) return false;
  if (originIs(o, 'os', 'environ.get') || originIs(o, 'os', 'getenv') || originIs(o, 'decouple', 'config')) return true;
  if (o.python && o.module === 'environ' && o.path[0] === 'Env' && o.path[1] === '()') return o.path.length === 2 || o.path.length === 3;
  return false;
}

function callValue(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Value {
  const python = file.lang === 'python';
  const fn = node.field(node.kind() === 'new_expression' ? 'constructor' : 'function');
  const args = node.field('arguments');
  const positional = args?.namedChildren().filter((a) => !['keyword_argument', 'comment'].includes(kindOf(a))) ?? [];
  const keyword = (n: string) => args?.namedChildren().find((a) => a.kind() === 'keyword_argument' && a.field('name')?.text() === n)?.field('value') ?? null;
  const origin = fn ? originOf(index, file, fn) : null;
  const v = (n: SgNode | null | undefined) => (n ? valueOf(index, file, n, depth + 1) : null);
  if (envReader(origin)) {
    const first = v(positional[0]);
    const fallback = v(keyword('default') ?? positional[1] ?? null);
    return { kind: 'env', name: first?.kind === 'string' ? first.value : null, fallback, node };
  }
  if (python && (originIs(origin, 're', 'compile') || originIs(origin, 're', 'escape'))) {
    const src = v(positional[0]);
    return src?.kind === 'string' ? { kind: 'regex', source: src.value, node } : { kind: 'unknown', node };
  }
  if (fn?.kind() === 'identifier' && !origin) {
    const name = fn.text();
    if ((python && PY_CASTS.has(name)) || (!python && JS_CASTS.has(name))) {
      const inner = v(positional[0]);
      if (inner?.kind === 'env') return { ...inner, node };
    }
    if (python && name === 'dict' && positional.length === 0) return kwargsMap(index, file, node, args, depth);
  }
  if (originIs(origin, 'json', 'loads') || (!python && shortText(fn) === 'JSON.parse')) {
    const inner = v(positional[0]);
    if (inner?.kind === 'env') return { ...inner, node };
  }
  // Method calls on an env value (`.split(',')`, `.lower()`) stay env-derived.
  if (fn && ['attribute', 'member_expression'].includes(kindOf(fn))) {
    const method = fn.field(python ? 'attribute' : 'property')?.text() ?? '';
    const recv = fn.field('object');
    if (STRING_METHODS.has(method) && recv) {
      const r = v(recv);
      if (r?.kind === 'env') return { kind: 'env', name: r.name, fallback: transform(r.fallback, method), node };
    }
  }
  return { kind: 'call', origin, node };
}

function kwargsMap(index: CodeIndex, file: CodeFile, node: SgNode, args: SgNode | null, depth: number): Value {
  const entries = new Map<string, Value>();
  let spread = false;
  for (const a of args?.namedChildren() ?? []) {
    if (a.kind() === 'keyword_argument') {
      const name = a.field('name')?.text();
      const value = a.field('value');
      if (name && value) entries.set(name, valueOf(index, file, value, depth + 1));
    } else if (a.kind() === 'dictionary_splat') spread = true;
  }
  return { kind: 'map', entries, spread, node };
}

function transform(v: Value | null, method: string): Value | null {
  if (!v || v.kind !== 'string') return v;
  if (method === 'lower' || method === 'toLowerCase') return { ...v, value: v.value.toLowerCase() };
  if (method === 'upper' || method === 'toUpperCase') return { ...v, value: v.value.toUpperCase() };
  if (method === 'strip' || method === 'trim') return { ...v, value: v.value.trim() };
  if (method === 'split') return { kind: 'list', items: v.value.split(',').map((s) => ({ ...v, value: s })), node: v.node };
  return v;
}

function operatorValue(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Value {
  const op = node.field('operator')?.text() ?? node.children().find((c) => !c.isNamed())?.text();
  const left = node.field('left');
  const right = node.field('right');
  if (!left || !right) return { kind: 'unknown', node };
  const l = valueOf(index, file, left, depth + 1);
  const r = valueOf(index, file, right, depth + 1);
  if (op === 'or' || op === '||' || op === '??') {
    if (l.kind === 'env') return { kind: 'env', name: l.name, fallback: l.fallback ?? r, node };
    const t = op === '??' ? (l.kind === 'null' ? false : l.kind === 'unknown' || l.kind === 'call' ? null : true) : truthy(l);
    return t === true ? l : t === false ? r : { kind: 'unknown', node };
  }
  if (op === '===' || op === '==' || op === '!==' || op === '!=') return compare(l, r, op.startsWith('!'), node);
  return { kind: 'unknown', node };
}

function comparisonValue(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Value {
  const parts = node.namedChildren();
  const ops = node.children().filter((c) => !c.isNamed()).map((c) => c.text());
  if (parts.length !== 2 || ops.length !== 1) return { kind: 'unknown', node };
  const [l, r] = parts.map((p) => valueOf(index, file, p, depth + 1));
  if (ops[0] === '==' || ops[0] === '!=') return compare(l, r, ops[0] === '!=', node);
  if (ops[0] === 'in' && l.kind === 'env') {
    const fb = l.fallback;
    const hit = fb?.kind === 'string' && r.kind === 'list' ? r.items.some((i) => i.kind === 'string' && i.value === fb.value) : false;
    return { kind: 'env', name: l.name, fallback: { kind: 'bool', value: hit, node }, node };
  }
  return { kind: 'unknown', node };
}

/** `env == 'literal'`: still env-derived; the fallback is what the comparison gives when unset. */
function compare(l: Value, r: Value, negate: boolean, node: SgNode): Value {
  const env = l.kind === 'env' ? l : r.kind === 'env' ? r : null;
  const other = env === l ? r : l;
  if (env) {
    const fb = env.fallback;
    const equal = fb && (fb.kind === 'string' || fb.kind === 'bool' || fb.kind === 'number') && other.kind === fb.kind ? fb.value === other.value : false;
    return { kind: 'env', name: env.name, fallback: { kind: 'bool', value: negate ? !equal : equal, node }, node };
  }
  if ((l.kind === 'string' || l.kind === 'number' || l.kind === 'bool') && l.kind === r.kind) return { kind: 'bool', value: negate ? l.value !== r.value : l.value === r.value, node };
  return { kind: 'unknown', node };
}
