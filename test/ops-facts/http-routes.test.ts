import { describe, expect, it } from 'vitest';
import { indexFromSources } from '../../src/facts/code/index.js';
import { pythonRoutes } from '../../src/facts/http-routes/python.js';
import { javascriptRoutes } from '../../src/facts/http-routes/javascript.js';
import { pathMatches } from '../../src/facts/http-routes/index.js';

function routes(sources: Record<string, string>) {
  const index = indexFromSources(sources);
  return index.files.flatMap((f) => (f.lang === 'python' ? pythonRoutes(index, f) : javascriptRoutes(index, f))).map((r) => ({ path: r.path, methods: r.methods, file: r.file, line: r.line, framework: r.framework, handler: r.handlerName }));
}

describe('http routes', () => {
  it('reads Flask and FastAPI decorators, add_url_rule and ignores requests calls', () => {
    const got = routes({
      'app.py': "from flask import Flask\nimport requests\napp = Flask(__name__)\n@app.route('/healthz')\ndef healthz():\n    return 'ok'\n@app.route('/x', methods=['POST'])\ndef x():\n    requests.get('/readyz')\napp.add_url_rule('/readyz', 'ready', healthz)\n# @app.route('/livez')\n",
      'api.py': "from fastapi import APIRouter\nrouter = APIRouter()\n@router.delete('/me')\nasync def delete_me():\n    pass\n",
    });
    expect(got).toEqual([
      { path: '/healthz', methods: ['GET'], file: 'app.py', line: 4, framework: 'flask', handler: 'healthz' },
      { path: '/x', methods: ['POST'], file: 'app.py', line: 7, framework: 'flask', handler: 'x' },
      { path: '/readyz', methods: ['GET'], file: 'app.py', line: 10, framework: 'flask', handler: 'healthz' },
      { path: '/me', methods: ['DELETE'], file: 'api.py', line: 3, framework: 'fastapi', handler: 'delete_me' },
    ]);
  });

  it('reads Django URL configuration through views modules and include()', () => {
    const got = routes({
      'proj/urls.py': "from django.urls import path, include\nfrom . import views\nurlpatterns = [\n    path('healthz/', views.healthz),\n    path('ht/', include('health_check.urls')),\n]\n",
      'proj/views.py': 'def healthz(request):\n    return None\n',
    });
    expect(got.map((r) => [r.path, r.line, r.handler])).toEqual([
      ['healthz/', 4, 'healthz'],
      ['ht/', 5, null],
    ]);
  });

  it('reads Express, Fastify plugins, route() objects and Nest controllers, not HTTP clients', () => {
    const got = routes({
      'server.js': "const express = require('express');\nconst axios = require('axios');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\naxios.get('/readyz', (x) => x);\nclient.get('/users', { params: 1 });\napp.route('/users/:id').delete(remove);\nfunction remove() {}\n",
      'plugin.js': "export default async function routes(app) {\n  app.get('/readyz', { config: {} }, async () => ({}));\n  app.route({ method: ['GET'], url: '/livez', handler: async () => 'ok' });\n}\n",
      'users.controller.ts': "import { Controller, Get, Delete } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get('me/export')\n  exportMine() {}\n  @Delete(':id')\n  remove() {}\n}\n",
    });
    expect(got.map((r) => [r.file, r.path, r.methods.join(), r.line, r.framework])).toEqual([
      ['server.js', '/healthz', 'GET', 4, 'express'],
      ['server.js', '/users/:id', 'DELETE', 7, 'express'],
      ['plugin.js', '/readyz', 'GET', 2, 'generic'],
      ['plugin.js', '/livez', 'GET', 3, 'fastify'],
      ['users.controller.ts', '/users/me/export', 'GET', 4, 'nest'],
      ['users.controller.ts', '/users/:id', 'DELETE', 6, 'nest'],
    ]);
  });

  it('follows dynamic import() as a module binding', () => {
    const index = indexFromSources({ 'a.js': "const Sentry = await import('@sentry/node');\n" });
    expect(index.files[0].imports).toEqual([{ module: '@sentry/node', name: null, local: 'Sentry', line: 1 }]);
  });

  it('matches probe paths to routes under a prefix', () => {
    expect(pathMatches('/api/healthz', '/healthz')).toBe(true);
    expect(pathMatches('/healthz/', 'healthz/')).toBe(true);
    expect(pathMatches('/xhealthz', '/healthz')).toBe(false);
  });
});
