/**
 * Whether the code is a web service: some source file imports a web framework or an HTTP/real-time
 * server library (Django settings modules count too: see `djangoSettingsFact`). Checks about CORS, rate limits and HTTPS apply to services, not to libraries,
 * batch jobs or CLIs.
 */
import type { CodeFile, CodeIndex } from './code-index.js';

export const WEB_MODULES = [
  'flask', 'django', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'sanic', 'quart', 'falcon', 'bottle', 'pyramid', 'litestar', 'socketio', 'flask_socketio',
  'express', 'fastify', 'koa', '@nestjs/core', '@nestjs/common', 'hono', '@hapi/hapi', 'restify', 'socket.io', 'next', 'http', 'https', 'http2',
];

/** Files that import a web framework or server library. */
export function webFiles(index: CodeIndex): CodeFile[] {
  const seen = new Set<CodeFile>();
  for (const m of WEB_MODULES) for (const f of index.importing(m)) seen.add(f);
  return [...seen];
}

export function isWebService(index: CodeIndex): boolean {
  return WEB_MODULES.some((m) => index.importing(m).length > 0);
}
