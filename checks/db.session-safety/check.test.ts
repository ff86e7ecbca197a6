import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'flask-sqlalchemy', name: "Flask-SQLAlchemy's db.session is scoped" },
    { fixture: 'scoped-session', name: 'scoped_session(sessionmaker()) used in handlers' },
    { fixture: 'script-session', name: 'a module-level session in a one-off script no function uses' },
    { fixture: 'fastapi-dependency', name: 'session per request: yield in try/finally, and a with block' },
    { fixture: 'pg-pool-released', name: 'pool.connect() released in finally, pool.query()' },
    { fixture: 'prisma-singleton', name: 'one PrismaClient at module level' },
  ],
  invalid: [
    { fixture: 'module-level-session', name: 'sessionmaker()() at import time shared by Socket.IO greenlets', score: 0, findings: [{ id: 'module-level-session', file: 'app.py', line: 14 }] },
    { fixture: 'module-level-session-cross-file', name: 'Session(engine) at import time, imported by a router', findings: [{ id: 'module-level-session', file: 'myapi/database.py', line: 5 }] },
    { fixture: 'session-held-by-service', name: 'a Session held by a module-level service object', findings: [{ id: 'module-level-session', file: 'service.py', line: 10 }] },
    { fixture: 'session-not-closed', score: 0.5, findings: [{ id: 'session-not-closed', file: 'app/main.py', line: 10 }] },
    { fixture: 'engine-per-request', findings: [{ id: 'engine-per-request', file: 'app.py', line: 11 }] },
    { fixture: 'pg-client-not-released', score: 0.5, findings: [{ id: 'client-not-released', file: 'server.js', line: 8 }] },
    { fixture: 'pg-shared-client', findings: [{ id: 'shared-client', file: 'src/server.js', line: 4 }] },
    {
      fixture: 'pool-per-request',
      findings: [
        { id: 'pool-per-request', file: 'src/app.ts', line: 8 },
        { id: 'pool-per-request', file: 'src/app.ts', line: 15 },
      ],
    },
  ],
  notApplicable: [{ fixture: 'no-db' }],
});
