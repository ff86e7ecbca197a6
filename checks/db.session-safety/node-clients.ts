/**
 * Database clients in Node services: a node-postgres client checked out with `pool.connect()` must
 * be released, a single `pg.Client` must not be shared by concurrent handlers, and a pool (or a
 * Prisma/Sequelize/Knex client, each a pool) must not be created per request.
 */
import type { SgNode } from '@ast-grep/napi';
import type { Finding } from '../../src/engine/check-api.js';
import { enclosingFunction, findKinds, inRequestHandler, isModuleLevel, kindOf, lineOf, shortText, originIs, originOf, type CodeFile, type CodeIndex, type Origin } from '../../src/facts/code/index.js';

const POOL_CTORS: Array<[string, string, string]> = [
  ['pg', 'Pool', 'pg Pool'],
  ['pg', 'default.Pool', 'pg Pool'],
  ['@prisma/client', 'PrismaClient', 'PrismaClient'],
  ['sequelize', 'Sequelize', 'Sequelize'],
  ['sequelize', '', 'Sequelize'],
  ['knex', '', 'knex'],
  ['knex', 'default', 'knex'],
  ['mysql2/promise', 'createPool', 'mysql2 pool'],
  ['mysql2', 'createPool', 'mysql2 pool'],
];

export function nodeClientFindings(index: CodeIndex): Finding[] {
  const out: Finding[] = [];
  for (const file of index.files) {
    if (file.lang === 'python') continue;
    for (const node of findKinds(file, ['new_expression', 'call_expression'])) {
      const fn = node.field(node.kind() === 'new_expression' ? 'constructor' : 'function');
      const callee = fn ? originOf(index, file, fn) : null;
      if (!callee) continue;
      const pool = POOL_CTORS.find(([m, n]) => originIs(callee, m, n));
      if (pool && inRequestHandler(file, node)) {
        out.push({ id: 'pool-per-request', file: file.path, line: lineOf(node), message: `a new ${pool[2]} is created inside a request handler: a connection pool per request`, hint: 'create it once at module level and import it where needed' });
      } else if ((originIs(callee, 'pg', 'Client') || originIs(callee, 'pg', 'default.Client')) && node.kind() === 'new_expression' && isModuleLevel(node)) {
        const name = declaredName(node);
        if (name && usedInHandlers(index, file, name)) {
          out.push({ id: 'shared-client', file: file.path, line: lineOf(node), message: `${name} is a single pg.Client (one connection) shared by every request handler: their transactions interleave`, hint: 'use a pg.Pool and check out a client per request (await pool.connect(), release() in finally), or pool.query()' });
        }
      } else if (isPoolConnect(callee) && node.kind() === 'call_expression' && !(node.field('arguments')?.namedChildren().length) && !isReleased(file, node)) {
        out.push({ id: 'client-not-released', file: file.path, line: lineOf(node), message: 'a client is checked out with pool.connect() and never released: the pool runs dry under load', hint: 'release it in a finally block: try { … } finally { client.release(); }' });
      }
    }
  }
  return out;
}

function isPoolConnect(o: Origin): boolean {
  return originIs(o, 'pg', 'Pool().connect') || originIs(o, 'pg', 'default.Pool().connect');
}

function declaredName(node: SgNode): string | null {
  let p = node.parent();
  if (p?.kind() === 'await_expression') p = p.parent();
  return p?.kind() === 'variable_declarator' && p.field('name')?.kind() === 'identifier' ? p.field('name')!.text() : null;
}

function usedInHandlers(index: CodeIndex, file: CodeFile, name: string): boolean {
  if (findKinds(file, ['identifier']).some((id) => id.text() === name && inRequestHandler(file, id))) return true;
  // importing `name` spells it: other files are not parsed
  return index.files.some((f) => f !== file && f.text.includes(name) && f.imports.some((b) => b.name === name && index.resolveModule(f, b.module) === file));
}

/** `client.release()` in the same function, or the client handed back to the caller. */
function isReleased(file: CodeFile, connect: SgNode): boolean {
  const name = declaredName(connect);
  const fn = enclosingFunction(connect);
  if (!name || !fn) return true;
  const body = fn.field('body');
  if (!body) return true;
  for (const n of findKinds({ root: body, lang: file.lang }, ['call_expression', 'return_statement'])) {
    if (kindOf(n) === 'return_statement') {
      if (n.namedChildren().some((x) => shortText(x) === name)) return true;
      continue;
    }
    const f = n.field('function');
    if (f?.kind() === 'member_expression' && shortText(f.field('object')) === name && ['release', 'end'].includes(f.field('property')?.text() ?? '')) return true;
  }
  return false;
}
