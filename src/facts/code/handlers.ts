/**
 * Functions that run once per request (or per real-time event): route handlers, middleware and
 * request hooks of Flask, FastAPI, Django, Flask-SocketIO, Express, Fastify, Koa, NestJS and
 * Socket.IO, recognised by how they are registered — decorators, `Depends(…)`, arguments of
 * `app.get(…)`/`router.use(…)`/`socket.on(…)`, `handler:` options, Django views.
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, kindOf, shortText } from '../../context/parsers/code.js';
import type { CodeFile } from './code-index.js';
import { decoratorsOf, enclosingFunction, isFunctionNode } from './scope.js';

const PY_DECORATORS = new Set([
  'route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'websocket', 'api_route', 'on', 'on_event', 'event',
  'before_request', 'after_request', 'teardown_request', 'teardown_appcontext', 'errorhandler', 'middleware', 'exception_handler',
  'api_view', 'action', 'require_http_methods', 'require_GET', 'require_POST', 'login_required', 'csrf_exempt',
]);
const JS_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'on', 'once', 'addHook', 'route', 'handle', 'ws', 'any']);
const NEST_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'SubscribeMessage', 'MessagePattern', 'EventPattern']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'list', 'create', 'retrieve', 'update', 'partial_update', 'destroy', 'dispatch']);

const cache = new WeakMap<CodeFile, Set<number>>();

/** Ids of the functions in `file` that serve requests or events. */
export function requestHandlerIds(file: CodeFile): Set<number> {
  let hit = cache.get(file);
  if (!hit) {
    hit = new Set((file.lang === 'python' ? pythonHandlers(file) : jsHandlers(file)).map((n) => n.id()));
    cache.set(file, hit);
  }
  return hit;
}

/** True when `node` runs inside a request handler (directly or in a function nested in one). */
export function inRequestHandler(file: CodeFile, node: SgNode): boolean {
  const ids = requestHandlerIds(file);
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (ids.has(fn.id())) return true;
  return false;
}

function decoratorName(d: SgNode): string {
  let expr = d.namedChildren()[0];
  if (expr && (kindOf(expr) === 'call' || kindOf(expr) === 'call_expression')) expr = expr.field('function') ?? expr;
  const text = shortText(expr) ?? '';
  return text.slice(text.lastIndexOf('.') + 1);
}

function pythonHandlers(file: CodeFile): SgNode[] {
  const out: SgNode[] = [];
  const defs = findKinds(file, ['function_definition']);
  const depends = new Set(
    findKinds(file, ['call'])
      .filter((c) => /(^|\.)Depends$/.test(shortText(c.field('function')) ?? ''))
      .map((c) => shortText(c.field('arguments')?.namedChildren()[0]) ?? ''),
  );
  const isViews = /(^|\/)views(\.py$|\/)/.test(file.path);
  for (const def of defs) {
    const name = def.field('name')?.text() ?? '';
    if (decoratorsOf(def).some((d) => PY_DECORATORS.has(decoratorName(d))) || depends.has(name)) out.push(def);
    else if (isViews) {
      const first = def.field('parameters')?.namedChildren()[0]?.text();
      const inClass = def.parent()?.parent()?.kind() === 'class_definition';
      if ((!inClass && first === 'request') || (inClass && HTTP_VERBS.has(name))) out.push(def);
    }
  }
  return out;
}

function jsHandlers(file: CodeFile): SgNode[] {
  const out: SgNode[] = [];
  for (const call of findKinds(file, ['call_expression'])) {
    const fn = call.field('function');
    if (fn?.kind() !== 'member_expression' || !JS_METHODS.has(fn.field('property')?.text() ?? '')) continue;
    for (const arg of call.field('arguments')?.namedChildren() ?? []) if (isFunctionNode(arg)) out.push(arg);
  }
  for (const pair of findKinds(file, ['pair'])) {
    const value = pair.field('value');
    if (value && isFunctionNode(value) && ['handler', 'preHandler', 'onRequest'].includes(pair.field('key')?.text() ?? '')) out.push(value);
  }
  for (const m of findKinds(file, ['method_definition'])) {
    const decorators = m.children().filter((c) => c.kind() === 'decorator');
    let prev = m.prev();
    while (prev?.kind() === 'decorator') {
      decorators.push(prev);
      prev = prev.prev();
    }
    if (decorators.some((d) => NEST_DECORATORS.has(decoratorName(d)))) out.push(m);
  }
  return out;
}
