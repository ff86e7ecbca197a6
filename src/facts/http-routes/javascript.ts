/**
 * JavaScript/TypeScript route registrations: Express/Fastify/Koa-router/Hono method calls
 * (`app.get('/x', handler)`, `router.route('/x').get(h)`, `fastify.route({ method, url, handler })`),
 * NestJS `@Controller` + `@Get` decorators, `@godaddy/terminus` health checks, and Next.js API
 * route files. A call counts only when it has the shape of a registration — a literal path and a
 * handler — and its receiver is not an HTTP client (`axios.get('/x', config)` is a request).
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, findRule, kindOf, lineOf, originOf, valueOf, type CodeFile, type CodeIndex, type Origin } from '../code/index.js';
import { resolveHandler } from './handlers.js';
import type { HttpRoute, RouteFramework } from './model.js';

const METHODS = new Set(['get', 'post', 'put', 'delete', 'del', 'patch', 'head', 'options', 'all']);
const CLIENTS = /^(axios|got|superagent|supertest|node-fetch|cross-fetch|ky|redaxios|request|needle|undici|http|https|@angular\/common\/http|@nestjs\/axios|ofetch|wretch|jquery)$/;
const FUNCTION_ARG = new Set(['arrow_function', 'function_expression', 'function', 'identifier', 'member_expression', 'call_expression']);
const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Options', 'All']);

/** `x.get(…)`, `x.route(…)`: the only calls that can register a route; the rest stay in the native tree. */
const ROUTE_CALLS = {
  rule: { kind: 'call_expression', has: { field: 'function', kind: 'member_expression', has: { field: 'property', regex: `^(${[...METHODS, 'route'].join('|')})$` } } },
};

export function javascriptRoutes(index: CodeIndex, file: CodeFile): HttpRoute[] {
  const out: HttpRoute[] = [];
  for (const call of findRule(file, 'js-route-calls', ROUTE_CALLS)) {
    const fn = call.field('function');
    if (fn?.kind() !== 'member_expression') continue;
    const method = fn.field('property')?.text() ?? '';
    const receiver = fn.field('object');
    const args = argsOf(call);
    if (!receiver) continue;
    if (METHODS.has(method)) {
      // `router.route('/x').get(handler)`: the path is on the receiver call
      const chained = receiver.kind() === 'call_expression' && receiver.field('function')?.kind() === 'member_expression' && receiver.field('function')?.field('property')?.text() === 'route';
      const pathNode = chained ? argsOf(receiver)[0] : args[0];
      const handlers = chained ? args : args.slice(1);
      const path = pathNode ? literalPath(index, file, pathNode) : null;
      const last = handlers[handlers.length - 1];
      if (path === null || !last || !FUNCTION_ARG.has(kindOf(last))) continue;
      const origin = originOf(index, file, chained ? receiver.field('function')!.field('object')! : receiver);
      if (isClient(origin)) continue;
      out.push(make(index, file, call, frameworkOf(origin), [method === 'del' ? 'DELETE' : method === 'all' ? 'ANY' : method.toUpperCase()], path, last));
    } else if (method === 'route' && args.length === 1 && args[0].kind() === 'object') {
      const opts = valueOf(index, file, args[0]);
      if (opts.kind !== 'map') continue;
      const url = opts.entries.get('url') ?? opts.entries.get('path');
      if (url?.kind !== 'string') continue;
      const m = opts.entries.get('method');
      const methods = m?.kind === 'string' ? [m.value.toUpperCase()] : m?.kind === 'list' ? m.items.flatMap((i) => (i.kind === 'string' ? [i.value.toUpperCase()] : [])) : ['ANY'];
      const handlerNode = objectProperty(args[0], 'handler');
      out.push(make(index, file, call, 'fastify', methods, url.value, handlerNode));
    }
  }
  out.push(...nestRoutes(index, file), ...terminusRoutes(index, file), ...nextRoutes(file));
  return out;
}

function argsOf(call: SgNode): SgNode[] {
  return (call.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment');
}

function literalPath(index: CodeIndex, file: CodeFile, node: SgNode): string | null {
  if (node.kind() !== 'string' && node.kind() !== 'template_string' && node.kind() !== 'identifier') return null;
  const v = valueOf(index, file, node);
  return v.kind === 'string' && /^[/*]/.test(v.value) ? v.value : null;
}

function objectProperty(obj: SgNode, name: string): SgNode | undefined {
  for (const p of obj.namedChildren()) {
    if (p.kind() === 'pair' && p.field('key')?.text().replace(/['"]/g, '') === name) return p.field('value') ?? undefined;
    if (p.kind() === 'shorthand_property_identifier' && p.text() === name) return p;
    if (p.kind() === 'method_definition' && p.field('name')?.text() === name) return p;
  }
  return undefined;
}

function isClient(origin: Origin | null): boolean {
  return !!origin && CLIENTS.test(origin.module);
}

function frameworkOf(origin: Origin | null): RouteFramework {
  const m = origin?.module ?? '';
  if (m === 'express') return 'express';
  if (m === 'fastify') return 'fastify';
  if (m === 'koa-router' || m === '@koa/router') return 'koa';
  if (m === 'hono') return 'hono';
  return 'generic';
}

function make(index: CodeIndex, file: CodeFile, node: SgNode, framework: RouteFramework, methods: string[], path: string, handlerNode: SgNode | undefined): HttpRoute {
  const h = handlerNode?.kind() === 'method_definition' ? { node: handlerNode, file, name: null } : resolveHandler(index, file, handlerNode);
  return { framework, methods, path, file: file.path, line: lineOf(node), handler: h?.node ?? null, handlerFile: h?.file ?? null, handlerName: h?.name ?? null };
}

/** `@Controller('users')` classes and their `@Get(':id/export')` methods. */
function nestRoutes(index: CodeIndex, file: CodeFile): HttpRoute[] {
  if (!file.text.includes('@nestjs/common') || !file.imports.some((b) => b.module === '@nestjs/common')) return [];
  const out: HttpRoute[] = [];
  for (const cls of findKinds(file, ['class_declaration', 'class'])) {
    // `@Controller() export class X` puts the decorator on the export statement
    const outer = cls.parent()?.kind() === 'export_statement' ? cls.parent()!.children() : [];
    const ctrl = decoratorCalls([...outer, ...cls.children()]).find((d) => d.name === 'Controller');
    if (!ctrl) continue;
    const prefix = ctrl.arg ?? '';
    const body = cls.field('body');
    let pending: { name: string; arg: string | null; node: SgNode }[] = [];
    for (const member of body?.children() ?? []) {
      if (member.kind() === 'decorator') {
        pending.push(...decoratorCalls([member]));
        continue;
      }
      if (member.kind() === 'method_definition') {
        const decorators = [...pending, ...decoratorCalls(member.children())];
        for (const d of decorators.filter((x) => NEST_METHODS.has(x.name))) {
          const path = `/${[prefix, d.arg ?? ''].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          out.push({ framework: 'nest', methods: [d.name === 'All' ? 'ANY' : d.name.toUpperCase()], path, file: file.path, line: lineOf(d.node), handler: member, handlerFile: file, handlerName: member.field('name')?.text() ?? null });
        }
      }
      if (member.kind() !== 'comment') pending = [];
    }
  }
  return out;

  function decoratorCalls(nodes: SgNode[]): { name: string; arg: string | null; node: SgNode }[] {
    return nodes
      .filter((n) => n.kind() === 'decorator')
      .flatMap((d) => {
        const call = d.namedChildren().find((c) => c.kind() === 'call_expression');
        const name = call?.field('function')?.text();
        if (!call || !name) return [];
        const arg = argsOf(call)[0];
        const v = arg ? valueOf(index, file, arg) : null;
        return [{ name, arg: v?.kind === 'string' ? v.value : null, node: d }];
      });
  }
}

/** `createTerminus(server, { healthChecks: { '/healthz': check } })`. */
function terminusRoutes(index: CodeIndex, file: CodeFile): HttpRoute[] {
  if (!file.text.includes('@godaddy/terminus') || !file.imports.some((b) => b.module === '@godaddy/terminus')) return [];
  const out: HttpRoute[] = [];
  for (const call of findKinds(file, ['call_expression'])) {
    const fn = call.field('function');
    const origin = fn ? originOf(index, file, fn) : null;
    if (origin?.module !== '@godaddy/terminus') continue;
    const opts = argsOf(call)[1];
    const checks = opts ? valueOf(index, file, opts) : null;
    const health = checks?.kind === 'map' ? checks.entries.get('healthChecks') : undefined;
    if (health?.kind !== 'map') continue;
    for (const [path, v] of health.entries) {
      if (path.startsWith('/')) out.push({ framework: 'terminus', methods: ['GET'], path, file: file.path, line: lineOf(v.node), handler: v.kind === 'function' ? v.node : null, handlerFile: file, handlerName: null });
    }
  }
  return out;
}

/** Next.js API routes are files: `pages/api/health.ts`, `app/api/health/route.ts` (exported GET/POST …). */
function nextRoutes(file: CodeFile): HttpRoute[] {
  const pages = /(?:^|\/)pages\/(api\/.+?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(file.path);
  const app = /(?:^|\/)app\/(.+)\/route\.[cm]?[jt]sx?$/.exec(file.path);
  if (!pages && !app) return [];
  const path = `/${(pages ? pages[1] : app![1]).replace(/\([^)]*\)\//g, '')}`;
  if (pages) return [{ framework: 'next', methods: ['ANY'], path, file: file.path, line: 1, handler: null, handlerFile: file, handlerName: null }];
  const out: HttpRoute[] = [];
  for (const exp of findKinds(file, ['export_statement'])) {
    const decl = exp.field('declaration');
    const name = decl?.field('name')?.text() ?? decl?.find({ rule: { kind: 'variable_declarator' } })?.field('name')?.text();
    if (name && /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/.test(name)) {
      out.push({ framework: 'next', methods: [name], path, file: file.path, line: lineOf(exp), handler: decl ?? null, handlerFile: file, handlerName: name });
    }
  }
  return out;
}
