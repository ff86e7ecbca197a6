/**
 * Import bindings of one file: which local name refers to which module (and which member of it).
 * Python `import` / `from … import`, ES `import` (default, named, namespace), CommonJS `require`
 * (whole module, destructured, `.member`) and TypeScript `import x = require()`.
 */
import type { SgNode } from '@ast-grep/napi';
import { lineOf, type CodeLang } from '../../context/parsers/code.js';

export interface ImportBinding {
  /** Module as written (`flask_cors`, `.extensions`, `@fastify/cors`); `node:` prefixes dropped. */
  module: string;
  /** Imported member (`CORS`, `Server`), or null when the local name is the module itself (JS default/namespace too). */
  name: string | null;
  /** The local name it is bound to; for `import a.b` this is `a`. */
  local: string;
  line: number;
}

export function collectImports(root: SgNode, lang: CodeLang): ImportBinding[] {
  return lang === 'python' ? pythonImports(root) : jsImports(root);
}

/** Every module a file imports, including the full dotted path of `import a.b.c`. */
export function importedModules(bindings: readonly ImportBinding[]): Set<string> {
  return new Set(bindings.map((b) => b.module));
}

function pythonImports(root: SgNode): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (const stmt of root.findAll({ rule: { any: [{ kind: 'import_statement' }, { kind: 'import_from_statement' }] } })) {
    const line = lineOf(stmt);
    if (stmt.kind() === 'import_statement') {
      for (const n of stmt.fieldChildren('name')) {
        if (n.kind() === 'aliased_import') {
          const alias = n.field('alias')?.text();
          const mod = n.field('name')?.text();
          if (alias && mod) out.push({ module: mod, name: null, local: alias, line });
        } else {
          // `import a.b` binds `a`; attribute access `a.b.X` is resolved from there.
          out.push({ module: n.text(), name: null, local: n.text().split('.')[0], line });
        }
      }
      continue;
    }
    const mod = stmt.field('module_name')?.text().replace(/\s+/g, '');
    if (!mod) continue;
    if (stmt.children().some((c) => c.kind() === 'wildcard_import')) {
      out.push({ module: mod, name: '*', local: '*', line });
      continue;
    }
    for (const n of stmt.fieldChildren('name')) {
      if (n.kind() === 'aliased_import') {
        const alias = n.field('alias')?.text();
        const name = n.field('name')?.text();
        if (alias && name) out.push({ module: mod, name, local: alias, line });
      } else {
        out.push({ module: mod, name: n.text(), local: n.text(), line });
      }
    }
  }
  return out;
}

function jsModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function stringValue(node: SgNode | null): string | null {
  if (!node || node.kind() !== 'string') return null;
  return node.children().find((c) => c.kind() === 'string_fragment')?.text() ?? '';
}

/** The module of a `require('m')` call or a dynamic `import('m')` (awaited, it is the module namespace), or null. */
export function requiredModule(call: SgNode): string | null {
  const fn = call.kind() === 'call_expression' ? call.field('function') : null;
  if (!fn || !((fn.kind() === 'identifier' && fn.text() === 'require') || fn.kind() === 'import')) return null;
  const arg = call.field('arguments')?.namedChildren()[0] ?? null;
  const spec = stringValue(arg);
  return spec === null ? null : jsModule(spec);
}

function jsImports(root: SgNode): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (const stmt of root.findAll({ rule: { kind: 'import_statement' } })) {
    const clause = stmt.children().find((c) => c.kind() === 'import_clause');
    const requireClause = stmt.children().find((c) => c.kind() === 'import_require_clause');
    const spec = stringValue(stmt.field('source') ?? requireClause?.children().find((c) => c.kind() === 'string') ?? null);
    if (spec === null) continue;
    const module = jsModule(spec);
    const line = lineOf(stmt);
    if (requireClause) {
      const local = requireClause.children().find((c) => c.kind() === 'identifier')?.text();
      if (local) out.push({ module, name: null, local, line });
      continue;
    }
    if (!clause) {
      out.push({ module, name: null, local: '', line }); // side-effect import: `import 'dotenv/config'`
      continue;
    }
    for (const part of clause.children()) {
      if (part.kind() === 'identifier') out.push({ module, name: null, local: part.text(), line });
      else if (part.kind() === 'namespace_import') {
        const local = part.children().find((c) => c.kind() === 'identifier')?.text();
        if (local) out.push({ module, name: null, local, line });
      } else if (part.kind() === 'named_imports') {
        for (const s of part.children().filter((c) => c.kind() === 'import_specifier')) {
          const name = s.field('name')?.text();
          const local = s.field('alias')?.text() ?? name;
          if (name && local) out.push({ module, name: name === 'default' ? null : name, local, line });
        }
      }
    }
  }
  for (const decl of root.findAll({ rule: { kind: 'variable_declarator' } })) {
    let value = decl.field('value');
    let member: string | null = null;
    if (value?.kind() === 'await_expression') value = value.namedChildren()[0] ?? null;
    if (value?.kind() === 'member_expression') {
      member = value.field('property')?.text() ?? null;
      value = value.field('object');
    } else if (value?.kind() === 'call_expression' && value.field('function')?.kind() === 'call_expression') {
      value = value.field('function'); // `require('fastify')()`: the module, called at once
    }
    const module = value ? requiredModule(value) : null;
    if (module === null) continue;
    const name = decl.field('name');
    const line = lineOf(decl);
    if (name?.kind() === 'identifier') {
      out.push({ module, name: member === 'default' ? null : member, local: name.text(), line });
    } else if (name?.kind() === 'object_pattern' && member === null) {
      for (const p of name.namedChildren()) {
        if (p.kind() === 'shorthand_property_identifier_pattern') out.push({ module, name: p.text(), local: p.text(), line });
        else if (p.kind() === 'pair_pattern') {
          const key = p.field('key')?.text();
          const local = p.field('value');
          if (key && local?.kind() === 'identifier') out.push({ module, name: key, local: local.text(), line });
        }
      }
    }
  }
  // `require('m')(…)`, `register(require('m'))`: a use of the module without a binding
  const bound = new Set(out.map((b) => `${b.module}\0${b.line}`));
  for (const call of root.findAll({ rule: { kind: 'call_expression', has: { field: 'function', kind: 'identifier', regex: '^require$' } } })) {
    const module = requiredModule(call);
    if (module !== null && !bound.has(`${module}\0${lineOf(call)}`)) out.push({ module, name: null, local: '', line: lineOf(call) });
  }
  return out;
}
