/**
 * The HTTP routes a service registers, as read from its code: decorators, router calls and URL
 * configuration, never a path string that merely appears somewhere. Health, metrics, privacy and
 * audit checks all ask the same question — "which routes exist, and which function answers them?".
 */
import type { SgNode } from '@ast-grep/napi';
import type { CodeFile } from '../code/index.js';

export type RouteFramework =
  | 'flask'
  | 'fastapi'
  | 'starlette'
  | 'django'
  | 'aiohttp'
  | 'litestar'
  | 'express'
  | 'fastify'
  | 'koa'
  | 'hono'
  | 'nest'
  | 'next'
  | 'terminus'
  | 'generic';

export interface HttpRoute {
  framework: RouteFramework;
  /** Upper-case HTTP methods; `['ANY']` when the registration does not restrict them. */
  methods: string[];
  /** The path as written (`/v1/users/:id`, `health/`, `^ready$`); '' when it is not a literal. */
  path: string;
  file: string;
  line: number;
  /** The function (or class, for class-based views) that answers, when it can be followed. */
  handler: SgNode | null;
  /** The file the handler is defined in (it may be another module than the registration). */
  handlerFile: CodeFile | null;
  /** The handler's name (`healthz`, `HealthView`), or null for an inline function. */
  handlerName: string | null;
  /** Django `include('health_check.urls')`: the URL module mounted at this path. */
  includes?: string;
}

/** `health/` · `^health/$` · `/health/` → `/health`; Express/Flask/FastAPI parameters kept as written. */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/** True when `probe` (a probe or URL path) is answered by a route registered as `route` (possibly under a prefix). */
export function pathMatches(probe: string, route: string): boolean {
  const a = normalisePath(probe.split('?')[0]);
  const b = normalisePath(route);
  // b starts with '/', so a suffix match falls on a segment boundary: /api/healthz ends with /healthz
  return a === b || (b !== '/' && a.endsWith(b));
}

/** The words of a path or name: `/v1/users/:id/export-data` → v1 users id export data. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
