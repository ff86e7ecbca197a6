/**
 * Where an expression comes from. `originOf` follows imports, simple assignments (in the file or in
 * the local module that defines the name), calls and attribute access, so `app.run` after
 * `app = Flask(__name__)` is `flask` · `Flask().run`, and `cors.init_app` with `cors` imported from
 * `.extensions` (where `cors = CORS()`) is `flask_cors` · `CORS().init_app`.
 */
import type { SgNode } from '@ast-grep/napi';
import { kindOf, shortText } from '../../context/parsers/code.js';
import { requiredModule } from './imports.js';
import { enclosingFunction, isFunctionNode } from './scope.js';
import type { CodeFile, CodeIndex } from './code-index.js';

export interface Origin {
  /** The module the chain starts from, as imported (`flask`, `sqlalchemy.orm`, `socket.io`, `process`). */
  module: string;
  /** Attribute names and `()` for each call, e.g. `['Flask', '()', 'run']`. */
  path: string[];
  python: boolean;
}

const MAX_DEPTH = 12;
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion', 'await']);
/** Globals that behave as modules. */
const JS_GLOBALS = new Set(['process', 'Deno', 'Bun']);

/** `originIs(o, 'flask_cors', 'CORS().init_app')`; Python compares the full dotted chain, so `import a.b` and `from a import b` agree. */
export function originIs(o: Origin | null, module: string, name = ''): boolean {
  if (!o) return false;
  const want = splitPath(name);
  if (o.python) {
    const got = [...o.module.split('.'), ...o.path];
    const exp = [...module.split('.'), ...want];
    return got.length === exp.length && got.every((g, i) => g === exp[i]);
  }
  return o.module === module && o.path.length === want.length && o.path.every((g, i) => g === want[i]);
}

function splitPath(name: string): string[] {
  const out: string[] = [];
  for (const seg of name.split('.')) {
    if (!seg) continue;
    const m = /^([^()]*)((?:\(\))*)$/.exec(seg);
    if (!m) continue;
    if (m[1]) out.push(m[1]);
    for (let i = 0; i < m[2].length / 2; i++) out.push('()');
  }
  return out;
}

const originCache = new WeakMap<CodeFile, Map<number, Origin | null>>();

export function originOf(index: CodeIndex, file: CodeFile, node: SgNode, depth = 0): Origin | null {
  if (depth > 0) return computeOrigin(index, file, node, depth);
  // Several checks ask about the same callees; top-level answers are cached per file and node.
  let cache = originCache.get(file);
  if (!cache) originCache.set(file, (cache = new Map()));
  const id = node.id();
  if (cache.has(id)) return cache.get(id)!;
  const o = computeOrigin(index, file, node, 0);
  cache.set(id, o);
  return o;
}

function computeOrigin(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Origin | null {
  if (depth > MAX_DEPTH) return null;
  const kind = node.kind();
  const python = file.lang === 'python';
  if (WRAPPERS.has(kindOf(node))) {
    const inner = node.namedChildren().find((c) => c.kind() !== 'type_annotation' && c.kind() !== 'predefined_type' && c.kind() !== 'type_identifier');
    return inner ? originOf(index, file, inner, depth + 1) : null;
  }
  switch (kind) {
    case 'identifier':
      return identifierOrigin(index, file, node, depth);
    case 'attribute':
    case 'member_expression': {
      const obj = node.field('object');
      const prop = node.field(python ? 'attribute' : 'property');
      const base = obj ? originOf(index, file, obj, depth + 1) : null;
      return base && prop ? { ...base, path: [...base.path, prop.text()] } : null;
    }
    case 'subscript':
    case 'subscript_expression': {
      const obj = node.field(python ? 'value' : 'object');
      const base = obj ? originOf(index, file, obj, depth + 1) : null;
      return base ? { ...base, path: [...base.path, '[]'] } : null;
    }
    case 'call':
    case 'call_expression':
    case 'new_expression': {
      if (kind === 'call_expression') {
        const mod = requiredModule(node);
        if (mod !== null) return { module: mod, path: [], python };
      }
      const fn = node.field(kind === 'new_expression' ? 'constructor' : 'function');
      if (!fn) return null;
      const returned = returnedOrigin(index, file, fn, depth);
      if (returned !== undefined) return returned;
      const base = originOf(index, file, fn, depth + 1);
      return base ? { ...base, path: [...base.path, '()'] } : null;
    }
    default:
      return null;
  }
}

function identifierOrigin(index: CodeIndex, file: CodeFile, node: SgNode, depth: number): Origin | null {
  const name = node.text();
  const python = file.lang === 'python';
  const def = definitionOf(file, name, node);
  if (def) return isFunctionNode(def) || kindOf(def).startsWith('class') ? null : originOf(index, file, def, depth + 1);
  const binding = [...file.imports].reverse().find((b) => b.local === name);
  if (binding) {
    const local = index.resolveModule(file, binding.module);
    if (local && local !== file) {
      const target = binding.name ? exportedValue(local, binding.name) : defaultExport(local);
      if (target) return originOf(index, local, target, depth + 1);
      // `from . import views`: the name is a submodule, not a value in __init__.py
      if (binding.name && python) return { module: `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}`, path: [], python };
    }
    if (python && binding.name === null && binding.module.includes('.') && binding.local === binding.module.split('.')[0]) {
      return { module: binding.local, path: [], python };
    }
    return { module: binding.module, path: binding.name ? [binding.name] : [], python };
  }
  if (!python && JS_GLOBALS.has(name)) return { module: name, path: [], python };
  return null;
}

/** When `fn` names a local function, the origin of what it returns (undefined when `fn` is not one). */
function returnedOrigin(index: CodeIndex, file: CodeFile, fn: SgNode, depth: number): Origin | null | undefined {
  if (fn.kind() !== 'identifier') return undefined;
  let owner = file;
  let def = definitionOf(file, fn.text(), fn);
  if (!def) {
    const binding = file.imports.find((b) => b.local === fn.text() && b.name);
    const local = binding ? index.resolveModule(file, binding.module) : undefined;
    if (local && binding?.name) {
      owner = local;
      def = exportedValue(local, binding.name);
    }
  }
  if (!def || !isFunctionNode(def)) return undefined;
  const body = def.field('body');
  if (!body) return null;
  if (!['block', 'statement_block'].includes(kindOf(body))) return originOf(index, owner, body, depth + 1); // arrow with expression body
  const returns = body.findAll({ rule: { kind: 'return_statement' } }).filter((r) => enclosingFunction(r)?.id() === def!.id());
  for (const r of returns) {
    const value = r.namedChildren()[0];
    const o = value ? originOf(index, owner, value, depth + 1) : null;
    if (o) return o;
  }
  return null;
}

interface Definitions {
  byName: Map<string, SgNode[]>;
  defaultExport: SgNode | null;
}
const definitionsCache = new WeakMap<CodeFile, Definitions>();

const PY_DEFINITIONS = { rule: { any: [{ kind: 'assignment' }, { kind: 'function_definition' }, { kind: 'class_definition' }] } };
const JS_DEFINITIONS = {
  rule: { any: ['variable_declarator', 'assignment_expression', 'function_declaration', 'generator_function_declaration', 'class_declaration', 'export_statement'].map((kind) => ({ kind })) },
};

/**
 * Simple definitions in a file, by name, in document order: `name = value`, `const name = value`,
 * `exports.name = value`, `def name`, `function name`, `class name` (the value, or the definition
 * itself for def/function/class), and the default export. One native search per file.
 */
function definitionsOf(file: CodeFile): Definitions {
  let hit = definitionsCache.get(file);
  if (hit) return hit;
  const byName = new Map<string, SgNode[]>();
  const add = (name: string | undefined, value: SgNode | null) => {
    if (!name || !value) return;
    const list = byName.get(name) ?? [];
    list.push(value);
    byName.set(name, list);
  };
  let defaultExport: SgNode | null = null;
  for (const n of file.root.findAll(file.lang === 'python' ? PY_DEFINITIONS : JS_DEFINITIONS)) {
    switch (kindOf(n)) {
      case 'assignment': {
        const left = n.field('left');
        if (left?.kind() === 'identifier') add(left.text(), n.field('right'));
        break;
      }
      case 'variable_declarator': {
        const name = n.field('name');
        if (name?.kind() === 'identifier') add(name.text(), n.field('value'));
        break;
      }
      case 'assignment_expression': {
        const left = n.field('left');
        const right = n.field('right');
        if (left?.kind() === 'identifier') add(left.text(), right);
        else if (left?.kind() === 'member_expression') {
          const object = shortText(left.field('object'));
          if (object === 'module' && left.field('property')?.text() === 'exports') defaultExport = right;
          else if (object === 'exports' || object === 'module.exports') add(left.field('property')?.text(), right);
        }
        break;
      }
      case 'export_statement':
        if (n.children().some((c) => c.kind() === 'default')) defaultExport = n.field('value') ?? n.field('declaration') ?? null;
        break;
      default:
        add(n.field('name')?.text(), n);
    }
  }
  hit = { byName, defaultExport };
  definitionsCache.set(file, hit);
  return hit;
}

/**
 * The definition of `name` that reaches `use`: the last one before it in the same function, else
 * the last module-level one, else the only one. Several unrelated candidates: null (ambiguous).
 */
export function definitionOf(file: CodeFile, name: string, use: SgNode | null): SgNode | null {
  const defs = definitionsOf(file).byName.get(name);
  if (!defs?.length) return null;
  const useFn = use ? enclosingFunction(use) : null;
  const useLine = use ? use.range().start.index : Infinity;
  const scopeOf = (d: SgNode) => enclosingFunction(d);
  const before = (d: SgNode) => d.range().start.index < useLine;
  const sameFn = defs.filter((d) => useFn && scopeOf(d)?.id() === useFn.id() && before(d));
  if (sameFn.length) return sameFn[sameFn.length - 1];
  const topLevel = defs.filter((d) => scopeOf(d) === null);
  if (topLevel.length) return topLevel.filter(before).pop() ?? topLevel[topLevel.length - 1];
  return defs.length === 1 ? defs[0] : null;
}

/** The value a module exports under `name` (module-level definition). */
export function exportedValue(file: CodeFile, name: string): SgNode | null {
  return definitionOf(file, name, null);
}

export function defaultExport(file: CodeFile): SgNode | null {
  return definitionsOf(file).defaultExport;
}
