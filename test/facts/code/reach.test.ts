import { describe, expect, it } from 'vitest';
import { findCalls, indexFromSources } from '../../../src/facts/code/index.js';
import { filesReaching, mayImportModule } from '../../../src/facts/code/reach.js';

const paths = (s: Set<{ path: string }>) => [...s].map((f) => f.path).sort();

describe('files that may reach a library', () => {
  const index = indexFromSources({
    'app/db.py': 'from sqlalchemy import create_engine\nengine = create_engine(URL)\n',
    'app/__init__.py': 'from .db import engine as _engine\nengine = _engine\n',
    'app/views.py': 'from . import engine\nengine.connect()\n',
    'app/jobs/run.py': 'from app.db import engine as e\n',
    'app/other.py': 'import os\nprint(os.environ)\n',
    'app/names_db.py': '# mentions db but imports nothing\nx = 1\n',
    'web/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
    'web/index.ts': "import { pool } from './pool';\nexport const shared = pool;\n",
    'web/routes/users.ts': "import { shared } from '..';\nshared.query('select 1');\n",
    'web/routes/env.ts': 'const url = process.env.DATABASE_URL;\n',
  });

  it('follows local imports through module stems, packages and dots, and nothing else', () => {
    expect(paths(filesReaching(index, ['sqlalchemy']))).toEqual(['app/__init__.py', 'app/db.py', 'app/jobs/run.py', 'app/views.py']);
    expect(paths(filesReaching(index, ['pg']))).toEqual(['web/index.ts', 'web/pool.ts', 'web/routes/users.ts']);
    expect(paths(filesReaching(index, ['redis']))).toEqual([]);
    // globals need no import
    expect(paths(filesReaching(index, ['process']))).toEqual(['web/index.ts', 'web/pool.ts', 'web/routes/env.ts', 'web/routes/users.ts']);
  });

  it('keeps calls reached through a package re-export', () => {
    const calls = findCalls(index, index.get('app/views.py')!, [['sqlalchemy', 'create_engine().connect']]);
    expect(calls.map((c) => c.line)).toEqual([2]);
    const queries = findCalls(index, index.get('web/routes/users.ts')!, [['pg', 'Pool().query']]);
    expect(queries.map((c) => c.line)).toEqual([2]);
  });
});

describe('whether a text may import a module', () => {
  const index = indexFromSources({
    'a.ts': "// upgrade the https://example.com client\nimport x from 'pg/lib/pool';\nimport y from \"node:http\";\n",
    'b.ts': "const s = 'upgrade';\n",
    'c.py': 'import flask_cors\n',
    'd.py': 'from flask.json import dumps\n',
  });
  const may = (path: string, module: string) => mayImportModule(index.get(path)!, module);

  it('needs the module as a specifier in JS and as a whole word in Python', () => {
    expect([may('a.ts', 'pg'), may('a.ts', 'http'), may('a.ts', 'https'), may('b.ts', 'pg')]).toEqual([true, true, false, false]);
    expect([may('c.py', 'flask'), may('c.py', 'flask_cors'), may('d.py', 'flask'), may('d.py', 'flask.json')]).toEqual([false, true, true, true]);
    expect(index.importing('pg').map((f) => f.path)).toEqual(['a.ts']);
  });
});
