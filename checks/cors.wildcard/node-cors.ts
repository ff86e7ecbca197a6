/**
 * CORS in Node services: the `cors` package (Express and anything that mounts it), `@koa/cors`,
 * `@fastify/cors`, NestJS `enableCors` / `NestFactory.create(…, { cors })`, Socket.IO servers, and
 * `Access-Control-Allow-Origin` set by hand (`res.setHeader`, `reply.header`, header objects).
 */
import type { Finding } from '../../src/engine/check-api.js';
import { findCalls, findKinds, kindOf, lineOf, optionOf, originOf, truthy, valueOf, type CallSite, type CodeFile, type CodeIndex, type Value } from '../../src/facts/code/index.js';
import { ACAO, classifyOrigin, defaultAllFinding, headerValueFinding, mentionsAcao, originFinding } from './origins.js';

export function nodeCorsFindings(index: CodeIndex): Finding[] {
  const out: Finding[] = [];
  for (const file of index.files) {
    if (file.lang === 'python') continue;
    out.push(...corsPackage(index, file), ...fastify(index, file), ...nest(index, file), ...socketIo(index, file), ...manualHeaders(index, file));
  }
  return out;
}

function credentialsOf(opts: Value | undefined): boolean {
  return opts?.kind === 'map' && truthy(opts.entries.get('credentials') ?? null) === true;
}

/** An options object of the `cors` package family: no `origin` means the package default. */
function judgeOptions(file: CodeFile, call: CallSite, opts: Value | undefined, what: string, defaultAllows: boolean): Finding | null {
  if (!opts) return defaultAllows ? defaultAllFinding(file, call.node, what) : null;
  if (opts.kind !== 'map') return null; // options from a variable we cannot read, or a per-request delegate
  const origin = opts.entries.get('origin');
  if (!origin) return defaultAllows && !opts.spread ? defaultAllFinding(file, call.node, what, credentialsOf(opts)) : null;
  return originFinding(classifyOrigin(origin, { trueReflects: true }), { file, node: origin.node }, what, credentialsOf(opts));
}

function corsPackage(index: CodeIndex, file: CodeFile): Finding[] {
  const out: Finding[] = [];
  for (const call of findCalls(index, file, [['cors', ''], ['cors', 'default']])) {
    const f = judgeOptions(file, call, call.args[0] ? valueOf(index, file, call.args[0]) : undefined, 'cors()', true);
    if (f) out.push(f);
  }
  // @koa/cors echoes the request's Origin when `origin` is not set.
  for (const call of findCalls(index, file, [['@koa/cors', ''], ['kcors', '']])) {
    const opts = call.args[0] ? valueOf(index, file, call.args[0]) : undefined;
    const origin = opts?.kind === 'map' ? opts.entries.get('origin') : undefined;
    if (!origin && (!opts || (opts.kind === 'map' && !opts.spread))) {
      const f = originFinding('reflect', { file, node: call.node }, '@koa/cors with no origin', credentialsOf(opts));
      if (f) out.push(f);
    } else if (origin) {
      const f = originFinding(classifyOrigin(origin, { trueReflects: true }), { file, node: origin.node }, '@koa/cors', credentialsOf(opts));
      if (f) out.push(f);
    }
  }
  return out;
}

/** `fastify.register(cors, opts)`: @fastify/cors defaults to `origin: '*'`. */
function fastify(index: CodeIndex, file: CodeFile): Finding[] {
  const out: Finding[] = [];
  for (const node of findKinds(file, ['call_expression'])) {
    const fn = node.field('function');
    if (fn?.kind() !== 'member_expression' || fn.field('property')?.text() !== 'register') continue;
    const args = node.field('arguments')?.namedChildren() ?? [];
    const plugin = args[0] ? originOf(index, file, args[0]) : null;
    if (!plugin || !['@fastify/cors', 'fastify-cors'].includes(plugin.module) || (plugin.path.length > 0 && plugin.path[0] !== 'default')) continue;
    const call: CallSite = { file, node, origin: plugin, line: lineOf(node), args, kwargs: new Map(), spread: false };
    const f = judgeOptions(file, call, args[1] ? valueOf(index, file, args[1]) : undefined, '@fastify/cors', true);
    if (f) out.push(f);
  }
  return out;
}

/** NestJS: `app.enableCors()` with no options and `cors: true` allow every origin. */
function nest(index: CodeIndex, file: CodeFile): Finding[] {
  if (!file.imports.some((b) => b.module.startsWith('@nestjs/'))) return [];
  const out: Finding[] = [];
  for (const node of findKinds(file, ['call_expression'])) {
    const fn = node.field('function');
    if (fn?.kind() !== 'member_expression' || fn.field('property')?.text() !== 'enableCors') continue;
    const args = node.field('arguments')?.namedChildren() ?? [];
    const call: CallSite = { file, node, origin: { module: '@nestjs/core', path: [], python: false }, line: lineOf(node), args, kwargs: new Map(), spread: false };
    const f = judgeOptions(file, call, args[0] ? valueOf(index, file, args[0]) : undefined, 'enableCors()', true);
    if (f) out.push(f);
  }
  for (const call of findCalls(index, file, [['@nestjs/core', 'NestFactory.create']])) {
    const cors = optionOf(index, call, 'cors', 1);
    if (!cors) continue;
    if (cors.kind === 'bool') {
      if (cors.value) out.push(defaultAllFinding(file, cors.node, 'NestFactory.create({ cors: true })'));
    } else {
      const f = judgeOptions(file, call, cors, 'NestFactory.create cors', true);
      if (f) out.push(f);
    }
  }
  return out;
}

/** Socket.IO v3+ sends no CORS headers unless `cors` is set; v2's `origins: '*'` allowed all. */
function socketIo(index: CodeIndex, file: CodeFile): Finding[] {
  const out: Finding[] = [];
  for (const call of findCalls(index, file, [['socket.io', 'Server'], ['socket.io', ''], ['socket.io', 'default']])) {
    const opts = [...call.args].reverse().map((a) => valueOf(index, file, a)).find((v) => v.kind === 'map');
    if (!opts || opts.kind !== 'map') continue;
    const legacy = opts.entries.get('origins');
    if (legacy) {
      const f = originFinding(classifyOrigin(legacy, { trueReflects: true }), { file, node: legacy.node }, 'Socket.IO origins');
      if (f) out.push(f);
    }
    const cors = opts.entries.get('cors');
    if (!cors) continue;
    if (cors.kind === 'bool') {
      if (cors.value) out.push(defaultAllFinding(file, cors.node, 'Socket.IO cors: true'));
      continue;
    }
    const f = judgeOptions(file, { ...call, node: cors.node }, cors, 'Socket.IO cors', true);
    if (f) out.push(f);
  }
  return out;
}

const HEADER_METHODS = new Set(['setHeader', 'header', 'set', 'append']);

function manualHeaders(index: CodeIndex, file: CodeFile): Finding[] {
  const out: Finding[] = [];
  if (!mentionsAcao(file)) return out;
  for (const node of findKinds(file, ['call_expression'])) {
    const fn = node.field('function');
    const method = fn?.kind() === 'member_expression' ? fn.field('property')?.text() : undefined;
    if (!method || !HEADER_METHODS.has(method)) continue;
    const args = node.field('arguments')?.namedChildren() ?? [];
    const name = args[0] ? valueOf(index, file, args[0]) : null;
    if (name?.kind === 'string' && name.value.toLowerCase() === ACAO && args[1]) {
      const f = headerValueFinding(index, file, args[1]);
      if (f) out.push(f);
    }
  }
  for (const pair of findKinds(file, ['pair'])) {
    const key = pair.field('key');
    const value = pair.field('value');
    if (!key || !value || kindOf(key) !== 'string') continue;
    const k = valueOf(index, file, key);
    if (k.kind === 'string' && k.value.toLowerCase() === ACAO) {
      const f = headerValueFinding(index, file, value);
      if (f) out.push(f);
    }
  }
  return out;
}

