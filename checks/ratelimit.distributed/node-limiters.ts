/**
 * Rate limiters in Node services: express-rate-limit and express-slow-down (`store`, default
 * MemoryStore), rate-limiter-flexible (the class names the store), @fastify/rate-limit (`redis` or
 * `store`, default in-memory), @nestjs/throttler (`storage`), koa-ratelimit (`driver`).
 */
import { findCalls, findKinds, lineOf, optionOf, originOf, valueOf, type CallSite, type CodeFile, type CodeIndex, type Value } from '../../src/facts/code/index.js';
import type { Limiter, StoreKind } from './store.js';

const EXPRESS = [
  ['express-rate-limit', ''],
  ['express-rate-limit', 'default'],
  ['express-rate-limit', 'rateLimit'],
  ['express-slow-down', ''],
  ['express-slow-down', 'default'],
  ['express-slow-down', 'slowDown'],
] as const;
const FLEXIBLE_MEMORY = new Set(['RateLimiterMemory', 'BurstyRateLimiter']);
const FLEXIBLE_HOST = new Set(['RateLimiterCluster', 'RateLimiterClusterMasterPM2']);

export function nodeLimiters(index: CodeIndex): Limiter[] {
  const out: Limiter[] = [];
  for (const file of index.files) {
    if (file.lang === 'python') continue;
    for (const call of findCalls(index, file, EXPRESS)) {
      const store = optionOf(index, call, 'store');
      out.push({ library: call.origin.module, file: file.path, line: call.line, ...storeOption(store, 'MemoryStore (the default)') });
    }
    out.push(...flexible(index, file), ...fastify(index, file), ...nest(index, file), ...koa(index, file));
  }
  return out;
}

/** A `store:` option: absent → memory; `new MemoryStore()` → memory; any other store object → shared. */
function storeOption(v: Value | undefined, absent: string): Pick<Limiter, 'store' | 'detail'> {
  if (!v || v.kind === 'null') return { store: 'memory', detail: absent };
  if (v.kind === 'call' && v.origin?.path.some((p) => /memory/i.test(p))) return { store: 'memory', detail: 'an in-memory store' };
  const name = v.kind === 'call' && v.origin ? v.origin.module : 'a store from configuration';
  return { store: 'shared', detail: `store ${name}` };
}

function flexible(index: CodeIndex, file: CodeFile): Limiter[] {
  const out: Limiter[] = [];
  for (const node of findKinds(file, ['new_expression'])) {
    const ctor = node.field('constructor');
    const o = ctor ? originOf(index, file, ctor) : null;
    if (o?.module !== 'rate-limiter-flexible' || o.path.length !== 1) continue;
    const cls = o.path[0];
    if (!/^(RateLimiter|Bursty)/.test(cls) || cls === 'RateLimiterQueue' || cls === 'RateLimiterUnion') continue;
    const store: StoreKind = FLEXIBLE_MEMORY.has(cls) ? 'memory' : FLEXIBLE_HOST.has(cls) ? 'host' : 'shared';
    out.push({ library: `rate-limiter-flexible ${cls}`, file: file.path, line: lineOf(node), store, detail: cls });
  }
  return out;
}

function registerCalls(index: CodeIndex, file: CodeFile, modules: readonly string[]): CallSite[] {
  const out: CallSite[] = [];
  for (const node of findKinds(file, ['call_expression'])) {
    const fn = node.field('function');
    if (fn?.kind() !== 'member_expression' || fn.field('property')?.text() !== 'register') continue;
    const args = node.field('arguments')?.namedChildren() ?? [];
    const plugin = args[0] ? originOf(index, file, args[0]) : null;
    if (plugin && modules.includes(plugin.module) && (plugin.path.length === 0 || plugin.path[0] === 'default')) {
      out.push({ file, node, origin: plugin, line: lineOf(node), args, kwargs: new Map(), spread: false });
    }
  }
  return out;
}

function fastify(index: CodeIndex, file: CodeFile): Limiter[] {
  return registerCalls(index, file, ['@fastify/rate-limit', 'fastify-rate-limit']).map((call) => {
    const opts = call.args[1] ? valueOf(index, file, call.args[1]) : undefined;
    const backing = opts?.kind === 'map' ? (opts.entries.get('redis') ?? opts.entries.get('store')) : undefined;
    const fromConfig = opts !== undefined && (opts.kind !== 'map' || opts.spread);
    const store: Pick<Limiter, 'store' | 'detail'> = backing
      ? storeOption(backing, '')
      : fromConfig
        ? { store: 'shared', detail: 'options from configuration' }
        : { store: 'memory', detail: 'no redis/store option: in-memory' };
    return { library: '@fastify/rate-limit', file: file.path, line: call.line, ...store };
  });
}

function nest(index: CodeIndex, file: CodeFile): Limiter[] {
  return findCalls(index, file, [['@nestjs/throttler', 'ThrottlerModule.forRoot'], ['@nestjs/throttler', 'ThrottlerModule.forRootAsync']]).map((call) => {
    // `storage:` may sit in the options object or in the object a forRootAsync factory returns.
    const storage = findKinds({ root: call.node, lang: file.lang }, ['pair']).find((p) => p.field('key')?.text() === 'storage');
    const store = storage ? storeOption(valueOf(index, file, storage.field('value')!), '') : { store: 'memory' as const, detail: 'no storage: the in-memory ThrottlerStorageService' };
    return { library: '@nestjs/throttler', file: file.path, line: call.line, ...store };
  });
}

function koa(index: CodeIndex, file: CodeFile): Limiter[] {
  return findCalls(index, file, [['koa-ratelimit', ''], ['koa-ratelimit', 'default']]).map((call) => {
    const driver = optionOf(index, call, 'driver');
    const memory = driver?.kind === 'string' && driver.value === 'memory';
    return { library: 'koa-ratelimit', file: file.path, line: call.line, store: memory ? 'memory' : 'shared', detail: memory ? "driver: 'memory'" : 'driver redis' };
  });
}
