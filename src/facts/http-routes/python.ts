/**
 * Python route registrations: Flask/Quart/FastAPI/Sanic-style decorators (`@app.route`,
 * `@router.get`), Litestar handler decorators, `add_url_rule` / `add_api_route` / `add_route`,
 * Starlette `Route(...)`, aiohttp `web.get(...)` / `router.add_get(...)`, and Django URL
 * configuration (`path`, `re_path`, `url`, with `include(...)`).
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, decoratorsOf, filesReaching, findKinds, findRule, lineOf, originIs, originOf, stringsOf, valueOf, type CallSite, type CodeFile, type CodeIndex } from '../code/index.js';
import { resolveHandler } from './handlers.js';
import type { HttpRoute, RouteFramework } from './model.js';

const DECORATOR_METHODS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'api_route', 'websocket', 'websocket_route']);
const CALL_NAMES = new Set(['register', 'path', 're_path', 'url', 'Route', 'APIRoute', 'get', 'post', 'put', 'delete', 'patch', 'head', 'route', 'view', 'add_get', 'add_post', 'add_put', 'add_delete', 'add_patch', 'add_head']);
const LITESTAR = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'route']);

const ATTR_CALLS = ['add_url_rule', 'add_api_route', 'add_route', 'add_websocket_route', 'add_get', 'add_post', 'add_put', 'add_delete', 'add_patch', 'add_head'];
/** Calls whose callee's last name a route registration can have; the rest stay in the native tree. */
const ROUTE_CALLS = {
  rule: {
    kind: 'call',
    has: {
      field: 'function',
      any: [
        { kind: 'identifier', regex: `^(${[...CALL_NAMES].join('|')})$` },
        { kind: 'attribute', has: { field: 'attribute', regex: `^(${[...CALL_NAMES, ...ATTR_CALLS].join('|')})$` } },
      ],
    },
  },
};
/** Modules whose calls register routes only once resolved (`path` is django's, `Route` starlette's). */
const ROUTING_MODULES = ['django', 'starlette', 'fastapi', 'aiohttp', 'rest_framework'];

export function pythonRoutes(index: CodeIndex, file: CodeFile): HttpRoute[] {
  const out: HttpRoute[] = [];
  // Necessary conditions, by text: a decorator has `@`; an `add_*` registration names it; any other call must resolve to a routing module.
  const decorators = file.text.includes('@');
  const calls = file.text.includes('add_') || filesReaching(index, ROUTING_MODULES).has(file);
  if (!decorators && !calls) return out;
  for (const dec of decorators ? findKinds(file, ['decorator']) : []) {
    const call = dec.namedChildren().find((c) => c.kind() === 'call');
    const fn = call?.field('function');
    const def = dec.parent()?.namedChildren().find((c) => c.kind() === 'function_definition' || c.kind() === 'class_definition');
    if (!call || !fn || !def) continue;
    const site = callSite(file, call, { module: '', path: [], python: true });
    let method: string | null = null;
    let framework: RouteFramework = 'generic';
    if (fn.kind() === 'attribute') {
      method = fn.field('attribute')?.text() ?? null;
      if (!method || !DECORATOR_METHODS.has(method)) continue;
      framework = frameworkOf(originOf(index, file, fn.field('object')!));
    } else if (fn.kind() === 'identifier') {
      const origin = originOf(index, file, fn);
      if (!origin || origin.module.split('.')[0] !== 'litestar' || !LITESTAR.has(origin.path[0] ?? '')) continue;
      method = origin.path[0];
      framework = 'litestar';
    } else continue;
    const path = pathArg(index, file, site, ['rule', 'path']);
    if (path === null) continue;
    const name = def.field('name')?.text() ?? null;
    out.push({ framework, methods: methodsOf(index, file, site, method), path, file: file.path, line: lineOf(dec), handler: def, handlerFile: file, handlerName: name });
  }
  for (const node of calls ? findRule(file, 'python-route-calls', ROUTE_CALLS) : []) {
    const fn = node.field('function');
    if (!fn) continue;
    const site = callSite(file, node, { module: '', path: [], python: true });
    const attr = fn.kind() === 'attribute' ? fn.field('attribute')?.text() : null;
    if (attr === 'add_url_rule' || attr === 'add_api_route' || attr === 'add_route' || attr === 'add_websocket_route') {
      const path = pathArg(index, file, site, ['rule', 'path']);
      if (path === null) continue;
      const view = site.kwargs.get('view_func') ?? site.kwargs.get('endpoint') ?? site.args[attr === 'add_url_rule' ? 2 : 1];
      out.push(route(index, file, node, frameworkOf(originOf(index, file, fn.field('object')!)), methodsOf(index, file, site, 'route'), path, view));
      continue;
    }
    // Resolving every call's origin is the slow part: only names a route registration can have.
    const last = fn.kind() === 'identifier' ? fn.text() : attr;
    if (!last || !CALL_NAMES.has(last)) continue;
    const origin = originOf(index, file, fn);
    if (!origin) continue;
    if (originIs(origin, 'django.urls', 'path') || originIs(origin, 'django.urls', 're_path') || originIs(origin, 'django.conf.urls', 'url')) {
      const path = pathArg(index, file, site, ['route', 'regex']);
      const view = site.kwargs.get('view') ?? site.args[1];
      if (path === null || !view) continue;
      const r = route(index, file, node, 'django', ['ANY'], path, view);
      const inc = view.kind() === 'call' ? includedModule(index, file, view) : null;
      if (inc !== null) {
        r.includes = inc;
        r.handler = null;
        r.handlerFile = null;
      }
      out.push(r);
    } else if (originIs(origin, 'starlette.routing', 'Route') || originIs(origin, 'fastapi.routing', 'APIRoute')) {
      const path = pathArg(index, file, site, ['path']);
      if (path !== null) out.push(route(index, file, node, 'starlette', methodsOf(index, file, site, 'route'), path, site.kwargs.get('endpoint') ?? site.args[1]));
    } else if (origin.module.split('.')[0] === 'aiohttp' && /^(get|post|put|delete|patch|head|route|view)$/.test(origin.path[origin.path.length - 1] ?? '')) {
      aiohttpRoute(index, file, site, origin.path[origin.path.length - 1], out);
    } else if (attr === 'register' && /^rest_framework\.routers\.\w*Router\.\(\)\.register$/.test([origin.module, ...origin.path].join('.'))) {
      out.push(...drfRoutes(index, file, site));
    } else if (attr && /^add_(get|post|put|delete|patch|head)$/.test(attr)) {
      aiohttpRoute(index, file, site, attr.slice(4), out);
    }
  }
  return out;
}

function aiohttpRoute(index: CodeIndex, file: CodeFile, site: CallSite, method: string, out: HttpRoute[]): void {
  const offset = method === 'route' ? 1 : 0;
  const path = site.args[offset] ? stringsOf(valueOf(index, file, site.args[offset]))[0] : undefined;
  if (path === undefined) return;
  const methods = method === 'route' ? stringsOf(valueOf(index, file, site.args[0])).map((m) => m.toUpperCase()) : [method.toUpperCase()];
  out.push(route(index, file, site.node, 'aiohttp', methods.length ? methods : ['ANY'], path, site.args[offset + 1]));
}

function route(index: CodeIndex, file: CodeFile, node: SgNode, framework: RouteFramework, methods: string[], path: string, view: SgNode | undefined): HttpRoute {
  const h = resolveHandler(index, file, view);
  return { framework, methods, path, file: file.path, line: lineOf(node), handler: h?.node ?? null, handlerFile: h?.file ?? null, handlerName: h?.name ?? (view?.kind() === 'attribute' ? (view.field('attribute')?.text() ?? null) : null) };
}

function pathArg(index: CodeIndex, file: CodeFile, site: CallSite, names: string[]): string | null {
  const node = names.map((n) => site.kwargs.get(n)).find(Boolean) ?? site.args[0];
  if (!node) return null;
  const v = valueOf(index, file, node);
  return v.kind === 'string' ? v.value : v.kind === 'unknown' || v.kind === 'call' ? '' : null;
}

function methodsOf(index: CodeIndex, file: CodeFile, site: CallSite, method: string): string[] {
  if (method !== 'route' && method !== 'api_route') return [method === 'websocket' || method === 'websocket_route' ? 'WEBSOCKET' : method.toUpperCase()];
  const kw = site.kwargs.get('methods');
  const listed = kw ? stringsOf(valueOf(index, file, kw)).map((m) => m.toUpperCase()) : [];
  return listed.length ? listed : method === 'route' && !kw ? ['GET'] : ['ANY'];
}

/** `include('health_check.urls')` → `health_check.urls`. */
function includedModule(index: CodeIndex, file: CodeFile, call: SgNode): string | null {
  const fn = call.field('function');
  if (!fn || !originIs(originOf(index, file, fn), 'django.urls', 'include')) return null;
  const arg = call.field('arguments')?.namedChildren()[0];
  const v = arg ? valueOf(index, file, arg) : null;
  return v?.kind === 'string' ? v.value : '';
}

function frameworkOf(origin: ReturnType<typeof originOf>): RouteFramework {
  const top = origin?.module.split('.')[0];
  if (top === 'flask' || top === 'quart') return 'flask';
  if (top === 'fastapi') return 'fastapi';
  if (top === 'starlette') return 'starlette';
  return 'generic';
}

/**
 * Django REST framework: `router.register('users', UserViewSet)` serves the viewset's actions —
 * list/retrieve (GET), destroy (DELETE `users/:pk`) for model viewsets and the destroy mixin, and
 * each `@action(detail=…, methods=[…], url_path=…)` method.
 */
function drfRoutes(index: CodeIndex, file: CodeFile, site: CallSite): HttpRoute[] {
  const prefix = site.args[0] ? stringsOf(valueOf(index, file, site.args[0]))[0] : undefined;
  const viewset = resolveHandler(index, file, site.args[1]);
  if (prefix === undefined || !viewset || viewset.node.kind() !== 'class_definition') return [];
  const at = { file: file.path, line: lineOf(site.node) };
  const bases = viewset.node.field('superclasses')?.text() ?? '';
  const route = (methods: string[], path: string, handler: SgNode, name: string | null): HttpRoute => ({ framework: 'generic', methods, path, ...at, handler, handlerFile: viewset.file, handlerName: name });
  const out: HttpRoute[] = [route(['GET'], prefix, viewset.node, viewset.name)];
  if (/ModelViewSet|DestroyModelMixin/.test(bases)) out.push(route(['DELETE'], `${prefix}/:pk`, viewset.node, 'destroy'));
  for (const def of findKinds({ root: viewset.node, lang: 'python' }, ['function_definition'])) {
    const action = decoratorsOf(def).map((d) => d.namedChildren()[0]).find((c) => c?.kind() === 'call' && /(^|\.)action$/.test(c.field('function')?.text() ?? ''));
    if (!action) continue;
    const a = callSite(viewset.file, action, { module: '', path: [], python: true });
    const name = def.field('name')?.text() ?? '';
    const urlPath = a.kwargs.get('url_path') ? stringsOf(valueOf(index, viewset.file, a.kwargs.get('url_path')!))[0] : undefined;
    const detail = a.kwargs.get('detail')?.text() === 'True';
    const methods = a.kwargs.get('methods') ? stringsOf(valueOf(index, viewset.file, a.kwargs.get('methods')!)).map((m) => m.toUpperCase()) : ['GET'];
    out.push(route(methods.length ? methods : ['GET'], `${prefix}${detail ? '/:pk' : ''}/${urlPath ?? name}`, def, name));
  }
  return out;
}
