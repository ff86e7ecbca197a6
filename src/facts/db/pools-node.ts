/**
 * Connection setup in Node services: node-postgres `Pool` (`max`; `connectionTimeoutMillis` or
 * `maxLifetimeSeconds` for health), Knex (`pool.max`), Sequelize (`pool.max`), mysql2
 * `createPool` (`connectionLimit`), postgres.js (`max`), Prisma (`connection_limit` in the
 * datasource URL, from code or the deployment's `DATABASE_URL`), and `pg.Client` /
 * `mysql.createConnection` connections opened per request.
 */
import type { SgNode } from '@ast-grep/napi';
import { filesReaching, findKinds, lineOf, originIs, originOf, valueOf, type CodeFile, type CodeIndex, type Value } from '../code/index.js';
import type { DeployEnv } from '../deploy-env.js';
import { runsPerRequest, type PoolSite } from './pool-sites.js';

interface PoolKind {
  targets: Array<[string, string]>;
  library: string;
  /** Path to the size option within the options object. */
  size: string[];
  health: string[][] | null;
  /** The options object is the last object-literal argument (Sequelize takes url/user/password first). */
  lastObject?: boolean;
}

const POOLS: PoolKind[] = [
  { targets: [['pg', 'Pool'], ['pg', 'default.Pool'], ['pg-pool', '']], library: 'node-postgres Pool', size: ['max'], health: [['connectionTimeoutMillis'], ['maxLifetimeSeconds']] },
  { targets: [['knex', ''], ['knex', 'default'], ['knex', 'knex']], library: 'Knex', size: ['pool', 'max'], health: null },
  { targets: [['sequelize', 'Sequelize'], ['sequelize', '']], library: 'Sequelize', size: ['pool', 'max'], health: null, lastObject: true },
  { targets: [['mysql2', 'createPool'], ['mysql2/promise', 'createPool']], library: 'mysql2 pool', size: ['connectionLimit'], health: null },
  { targets: [['postgres', ''], ['postgres', 'default']], library: 'postgres.js', size: ['max'], health: null, lastObject: true },
];
const PER_REQUEST: Array<[string, string]> = [['pg', 'Client'], ['pg', 'default.Client'], ['mysql2', 'createConnection'], ['mysql2/promise', 'createConnection'], ['mysql', 'createConnection']];

function at(v: Value | undefined, path: string[]): Value | undefined {
  let cur = v;
  for (const k of path) cur = cur?.kind === 'map' ? cur.entries.get(k) : undefined;
  return cur;
}

/** Unknown when the options come from somewhere we cannot read (a variable from config, a spread). */
function opaque(v: Value | undefined, path: string[]): boolean {
  let cur = v;
  for (const k of path) {
    if (!cur || cur.kind !== 'map') return cur !== undefined;
    if (cur.spread && !cur.entries.has(k)) return true;
    cur = cur.entries.get(k);
  }
  return false;
}

export function nodePoolSites(index: CodeIndex, env: DeployEnv): PoolSite[] {
  const out: PoolSite[] = [];
  const modules = [...POOLS.flatMap((p) => p.targets), ...PER_REQUEST, ['@prisma/client', '']].map(([m]) => m);
  for (const file of filesReaching(index, modules)) {
    if (file.lang === 'python') continue;
    for (const node of findKinds(file, ['new_expression', 'call_expression'])) {
      const fn = node.field(node.kind() === 'new_expression' ? 'constructor' : 'function');
      const callee = fn ? originOf(index, file, fn) : null;
      if (!callee) continue;
      const kind = POOLS.find((p) => p.targets.some(([m, n]) => originIs(callee, m, n)));
      if (kind) {
        out.push(poolSite(index, file, node, kind));
      } else if (originIs(callee, '@prisma/client', 'PrismaClient') && node.kind() === 'new_expression') {
        out.push(prismaSite(index, file, node, env));
      } else if (PER_REQUEST.some(([m, n]) => originIs(callee, m, n)) && runsPerRequest(index, file, node)) {
        out.push({ library: callee.module, file: file.path, line: lineOf(node), kind: 'per-request', size: 1, bounded: true, health: null, detail: `${node.kind() === 'new_expression' ? 'new ' : ''}${callee.module}.${callee.path.join('.')}() inside request handling` });
      }
    }
  }
  return out;
}

function argsOf(node: SgNode): SgNode[] {
  return (node.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment');
}

function poolSite(index: CodeIndex, file: CodeFile, node: SgNode, kind: PoolKind): PoolSite {
  const args = argsOf(node);
  const values = args.map((a) => valueOf(index, file, a));
  const options = kind.lastObject ? [...values].reverse().find((v) => v.kind === 'map' || v.kind === 'unknown' || v.kind === 'call') : values[0];
  const size = at(options, kind.size);
  const unknown = opaque(options, kind.size);
  const bounded = (size !== undefined && size.kind !== 'null') || unknown;
  const health = kind.health === null ? null : kind.health.some((p) => at(options, p) !== undefined && !(at(options, p)?.kind === 'number' && (at(options, p) as { value: number }).value === 0)) || kind.health.some((p) => opaque(options, p));
  const sizeText = size?.kind === 'number' ? `${kind.size.join('.')} ${size.value}` : bounded ? `${kind.size.join('.')} from config` : `no ${kind.size.join('.')} (the library default)`;
  return { library: kind.library, file: file.path, line: lineOf(node), kind: 'pool', size: size?.kind === 'number' ? size.value : null, bounded, health, detail: sizeText };
}

/** Prisma pools per client: `connection_limit` in the datasource URL (default: CPUs × 2 + 1). */
function prismaSite(index: CodeIndex, file: CodeFile, node: SgNode, env: DeployEnv): PoolSite {
  const opts = argsOf(node)[0] ? valueOf(index, file, argsOf(node)[0]) : undefined;
  const url = at(opts, ['datasources', 'db', 'url']) ?? at(opts, ['datasourceUrl']);
  const fromEnv = env.settings.filter((s) => !s.dev && /^(DATABASE_URL|POSTGRES_PRISMA_URL)$/.test(s.name) && s.value);
  const limit = (text: string) => /[?&]connection_limit=(\d{1,5})/.exec(text)?.[1];
  const literal = url?.kind === 'string' ? limit(url.value) : undefined;
  const deployed = fromEnv.map((s) => limit(s.value!)).find((x) => x !== undefined);
  const n = literal ?? deployed;
  return { library: 'Prisma', file: file.path, line: lineOf(node), kind: 'pool', size: n ? Number(n) : null, bounded: n !== undefined, health: null, detail: n ? `connection_limit ${n}` : 'no connection_limit in the datasource URL (Prisma defaults to CPUs × 2 + 1 per client)' };
}
