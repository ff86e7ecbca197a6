import { describe, expect, it } from 'vitest';
import {
  findCalls,
  findKinds,
  indexFromSources,
  insideMainGuard,
  isModuleLevel,
  isTestPath,
  isVendoredPath,
  looksMinified,
  optionOf,
  originIs,
  originOf,
  stringsOf,
  truthy,
  valueOf,
  type CodeIndex,
} from '../../../src/facts/code/index.js';

function file(index: CodeIndex, path: string) {
  const f = index.get(path);
  if (!f) throw new Error(`no ${path}`);
  return f;
}

describe('imports', () => {
  it('reads Python import forms', () => {
    const idx = indexFromSources({ 'a.py': 'import os, flask.json as fj\nimport sqlalchemy.orm\nfrom flask_cors import CORS as C, cross_origin\nfrom .ext import *\n' });
    expect(file(idx, 'a.py').imports.map((b) => [b.module, b.name, b.local, b.line])).toEqual([
      ['os', null, 'os', 1],
      ['flask.json', null, 'fj', 1],
      ['sqlalchemy.orm', null, 'sqlalchemy', 2],
      ['flask_cors', 'CORS', 'C', 3],
      ['flask_cors', 'cross_origin', 'cross_origin', 3],
      ['.ext', '*', '*', 4],
    ]);
  });

  it('reads ES imports, require and TS import-equals', () => {
    const idx = indexFromSources({
      'a.ts': "import cors, { a as b } from 'cors';\nimport * as ns from 'node:http';\nconst x = require('y'), { z, w: v } = require('q');\nconst D = require('d').default;\nimport e = require('e');\nimport 'dotenv/config';\n",
    });
    expect(file(idx, 'a.ts').imports.map((b) => [b.module, b.name, b.local])).toEqual([
      ['cors', null, 'cors'],
      ['cors', 'a', 'b'],
      ['http', null, 'ns'],
      ['e', null, 'e'],
      ['dotenv/config', null, ''],
      ['y', null, 'x'],
      ['q', 'z', 'z'],
      ['q', 'w', 'v'],
      ['d', null, 'D'],
    ]);
  });

  it('finds importers by module prefix', () => {
    const idx = indexFromSources({ 'a.py': 'import flask.json\n', 'b.py': 'import flasky\n', 'c.js': "import f from '@fastify/cors/x'\n" });
    expect(idx.importing('flask').map((f) => f.path)).toEqual(['a.py']);
    expect(idx.importing('@fastify/cors').map((f) => f.path)).toEqual(['c.js']);
  });
});

describe('origins and calls', () => {
  it('follows assignments, calls and attributes', () => {
    const idx = indexFromSources({ 'app.py': 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)\n' });
    const calls = findCalls(idx, file(idx, 'app.py'), [['flask', 'Flask().run']]);
    expect(calls).toHaveLength(1);
    expect(calls[0].line).toBe(4);
    expect(truthy(optionOf(idx, calls[0], 'debug')!)).toBe(true);
    expect(insideMainGuard(calls[0].node)).toBe(true);
    expect(isModuleLevel(calls[0].node)).toBe(true);
  });

  it('follows names across local modules (Python relative, JS relative)', () => {
    const idx = indexFromSources({
      'pkg/extensions.py': 'from flask_cors import CORS\ncors = CORS()\n',
      'pkg/app.py': 'from .extensions import cors\ndef create_app():\n    cors.init_app(app, origins=ORIGINS)\nORIGINS = ["https://a.example"]\n',
      'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 5 });\n",
      'src/routes.ts': "import { pool } from './db.js';\nexport async function h() { const c = await pool.connect(); }\n",
    });
    const init = findCalls(idx, file(idx, 'pkg/app.py'), [['flask_cors', 'CORS().init_app']]);
    expect(init).toHaveLength(1);
    expect(stringsOf(optionOf(idx, init[0], 'origins')!)).toEqual(['https://a.example']);
    const connect = findCalls(idx, file(idx, 'src/routes.ts'), [['pg', 'Pool().connect']]);
    expect(connect.map((c) => c.line)).toEqual([2]);
  });

  it('treats default imports, namespace imports and require alike', () => {
    const idx = indexFromSources({
      'a.js': "const cors = require('cors');\napp.use(cors());\n",
      'b.mjs': "import c from 'cors';\napp.use(c({ origin: true }));\n",
      'c.ts': "import { Server } from 'socket.io';\nconst io = new Server(http, { cors: { origin: '*' } });\nrequire('socket.io')(srv);\n",
    });
    expect(findCalls(idx, file(idx, 'a.js'), [['cors', '']])).toHaveLength(1);
    const b = findCalls(idx, file(idx, 'b.mjs'), [['cors', '']]);
    expect(optionOf(idx, b[0], 'origin')).toMatchObject({ kind: 'bool', value: true });
    const c = findCalls(idx, file(idx, 'c.ts'), [['socket.io', 'Server'], ['socket.io', '']]);
    expect(c.map((s) => s.line)).toEqual([2, 3]);
    const cors = optionOf(idx, c[0], 'cors', 1);
    expect(cors?.kind === 'map' && cors.entries.get('origin')).toMatchObject({ kind: 'string', value: '*' });
  });

  it('follows default exports (ES and CommonJS) and exports.x', () => {
    const idx = indexFromSources({
      'db.mjs': "import pg from 'pg';\nconst pool = new pg.Pool();\nexport default pool;\n",
      'db2.js': "const { Pool } = require('pg');\nmodule.exports = new Pool();\nexports.other = new Pool();\n",
      'app.mjs': "import db from './db.mjs';\nimport db2, { other } from './db2.js';\nawait db.connect();\nawait db2.connect();\nawait other.connect();\n",
    });
    const calls = findCalls(idx, file(idx, 'app.mjs'), [['pg', 'Pool().connect'], ['pg', 'default.Pool().connect']]);
    expect(calls.map((c) => c.line)).toEqual([3, 4, 5]);
  });

  it('follows a factory function to what it returns', () => {
    const idx = indexFromSources({
      'factory.py': 'from flask import Flask\ndef create_app():\n    app = Flask(__name__)\n    return app\n',
      'run.py': 'from factory import create_app\napp = create_app()\napp.run(debug=True)\n',
    });
    expect(findCalls(idx, file(idx, 'run.py'), [['flask', 'Flask().run']])).toHaveLength(1);
  });

  it('does not match unrelated calls with the same name', () => {
    const idx = indexFromSources({ 'a.py': 'from mylib import CORS\nCORS(app)\n' });
    expect(findCalls(idx, file(idx, 'a.py'), [['flask_cors', 'CORS']])).toEqual([]);
  });

  it('compares Python dotted chains whatever the import form', () => {
    const idx = indexFromSources({ 'a.py': 'import sqlalchemy.orm\nimport sqlalchemy.orm as orm\nS = sqlalchemy.orm.sessionmaker()\nT = orm.sessionmaker()\n' });
    const f = file(idx, 'a.py');
    const calls = findCalls(idx, f, [['sqlalchemy.orm', 'sessionmaker']]);
    expect(calls.map((c) => c.line)).toEqual([3, 4]);
    expect(originIs(originOf(idx, f, calls[0].node), 'sqlalchemy', 'orm.sessionmaker()')).toBe(true);
  });
});

describe('values', () => {
  const v = (src: string, path = 'a.py') => {
    const idx = indexFromSources({ [path]: src });
    const f = file(idx, path);
    const target = findKinds(f, ['assignment', 'variable_declarator']).pop()!;
    return valueOf(idx, f, target.field(path.endsWith('.py') ? 'right' : 'value')!);
  };

  it('reads Python env reads with fallbacks and derived forms', () => {
    expect(v("import os\nX = os.environ.get('A', 'b')")).toMatchObject({ kind: 'env', name: 'A', fallback: { kind: 'string', value: 'b' } });
    expect(v("import os\nX = os.environ['A'].split(',')")).toMatchObject({ kind: 'env', name: 'A' });
    expect(v("from os import getenv\nX = getenv('DEBUG', 'False').lower() == 'true'")).toMatchObject({ kind: 'env', name: 'DEBUG', fallback: { kind: 'bool', value: false } });
    expect(v("import os\nX = os.getenv('DEBUG', 'true').lower() == 'true'")).toMatchObject({ kind: 'env', fallback: { kind: 'bool', value: true } });
    expect(v("import environ\nenv = environ.Env()\nX = env.bool('DEBUG', default=True)")).toMatchObject({ kind: 'env', name: 'DEBUG', fallback: { kind: 'bool', value: true } });
    expect(v("from decouple import config\nX = config('DEBUG', default=False, cast=bool)")).toMatchObject({ kind: 'env', fallback: { kind: 'bool', value: false } });
    expect(v("import os\nX = os.environ.get('O') or '*'")).toMatchObject({ kind: 'env', fallback: { kind: 'string', value: '*' } });
  });

  it('reads JS env reads, literals, objects and constants', () => {
    expect(v("const x = process.env.ORIGINS?.split(',')", 'a.js')).toMatchObject({ kind: 'env', name: 'ORIGINS' });
    expect(v("const x = process.env['A'] || '*'", 'a.js')).toMatchObject({ kind: 'env', name: 'A', fallback: { kind: 'string', value: '*' } });
    expect(v("const x = process.env.NODE_ENV === 'development'", 'a.ts')).toMatchObject({ kind: 'env', fallback: { kind: 'bool', value: false } });
    const o = v("const A = ['https://a'];\nconst x = { origin: A, credentials: true, ...rest }", 'a.ts');
    expect(o.kind).toBe('map');
    if (o.kind === 'map') {
      expect(stringsOf(o.entries.get('origin')!)).toEqual(['https://a']);
      expect(o.spread).toBe(true);
    }
    expect(v('const x = /^https:\\/\\/.*$/', 'a.js')).toMatchObject({ kind: 'regex' });
    expect(v('const x = `plain`', 'a.js')).toMatchObject({ kind: 'string', value: 'plain' });
    expect(v('const x = `${a}`', 'a.js')).toMatchObject({ kind: 'unknown' });
  });

  it('reads Python literals and containers', () => {
    expect(v('X = ["a", "b"]')).toMatchObject({ kind: 'list' });
    expect(v('X = {"origins": "*"}')).toMatchObject({ kind: 'map' });
    expect(v('X = dict(a=1)')).toMatchObject({ kind: 'map' });
    expect(v('X = "a" "b"')).toMatchObject({ kind: 'string', value: 'ab' });
    expect(v('X = f"{a}"')).toMatchObject({ kind: 'unknown' });
    expect(v('X = not True')).toMatchObject({ kind: 'bool', value: false });
    expect(v('Y = 1\nX = Y')).toMatchObject({ kind: 'number', value: 1 });
    expect(v('X = settings.ORIGINS')).toMatchObject({ kind: 'unknown' });
  });

  it('survives self-referencing and deep chains', () => {
    expect(v('X = X')).toMatchObject({ kind: 'unknown' });
    const chain = Array.from({ length: 40 }, (_, i) => `A${i + 1} = A${i}`).join('\n');
    expect(v(`A0 = 1\n${chain}\nX = A40`).kind).toBe('unknown');
  });
});

describe('source selection', () => {
  it('excludes tests, vendored trees and minified bundles', () => {
    expect(isTestPath('tests/test_app.py')).toBe(true);
    expect(isTestPath('src/app.test.ts')).toBe(true);
    expect(isTestPath('app/conftest.py')).toBe(true);
    expect(isTestPath('src/app.ts')).toBe(false);
    expect(isVendoredPath('node_modules/x/index.js')).toBe(true);
    expect(isVendoredPath('static/js/app.min.js')).toBe(true);
    expect(isVendoredPath('src/server.js')).toBe(false);
    expect(looksMinified('a'.repeat(10_000))).toBe(true);
    expect(looksMinified('const a = 1;\n'.repeat(1000))).toBe(false);
  });

  it('parses malformed and huge-line input without throwing', () => {
    const idx = indexFromSources({ 'bad.py': 'def (:\n  x = = 1\n' + 'a'.repeat(200_000), 'bad.ts': 'const = {{{ ' + '('.repeat(5000) });
    expect(idx.files).toHaveLength(2);
    expect(findCalls(idx, file(idx, 'bad.ts'), [['cors', '']])).toEqual([]);
  });
});
