/**
 * Import bindings of one file: which local name refers to which module (and which member of it).
 * Python `import` / `from … import`, ES `import` (default, named, namespace), CommonJS `require`
 * (whole module, destructured, `.member`) and TypeScript `import x = require()`.
 */
import type { NapiConfig, SgNode } from '@ast-grep/napi';
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

const MODULE_CALLS: NapiConfig = { rule: { kind: 'call_expression', has: { field: 'function', any: [{ kind: 'identifier', regex: '^require$' }, { kind: 'import' }] } } };

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
  // One native search for `require('m')` / `import('m')`, then up to the declarator (if any) that binds
  // it: `const x = require('m')`, `= require('m').x`, `= await import('m')`, `= require('m')()`.
  for (const call of root.findAll(MODULE_CALLS)) {
    const module = requiredModule(call);
    if (module === null) continue;
    let node = call;
    let member: string | null = null;
    let p = node.parent();
    if (p?.kind() === 'member_expression' && p.field('object')?.id() === node.id()) {
      member = p.field('property')?.text() ?? null;
      node = p;
      p = p.parent();
    } else if (p?.kind() === 'call_expression' && p.field('function')?.id() === node.id()) {
      node = p; // `require('fastify')()`: the module, called at once
      p = p.parent();
    }
    if (p?.kind() === 'await_expression') {
      node = p;
      p = p.parent();
    }
    const name = p?.kind() === 'variable_declarator' && p.field('value')?.id() === node.id() ? p.field('name') : null;
    const line = lineOf(p && name ? p : call);
    if (name?.kind() === 'identifier') {
      out.push({ module, name: member === 'default' ? null : member, local: name.text(), line });
    } else if (name?.kind() === 'object_pattern' && member === null) {
      for (const q of name.namedChildren()) {
        if (q.kind() === 'shorthand_property_identifier_pattern') out.push({ module, name: q.text(), local: q.text(), line });
        else if (q.kind() === 'pair_pattern') {
          const key = q.field('key')?.text();
          const local = q.field('value');
          if (key && local?.kind() === 'identifier') out.push({ module, name: key, local: local.text(), line });
        }
      }
    } else {
      out.push({ module, name: null, local: '', line }); // `register(require('m'))`: used without a binding
    }
  }
  return out;
}
