import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckOn } from '../../src/testing/check-tester.js';
import cors from '../../checks/cors.wildcard/index.js';
import debug from '../../checks/app.debug-disabled/index.js';
import ratelimit from '../../checks/ratelimit.distributed/index.js';
import session from '../../checks/db.session-safety/index.js';
import transport from '../../checks/security.transport/index.js';
import secrets from '../../checks/secrets.management/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-appsec-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (rel: string, data: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), data);
};

// A web app with every input shape a scanned repository can throw at the parsers.
write('app.py', 'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app, origins=X)\n' + `X = ${'['.repeat(3000)}"*"${']'.repeat(3000)}\n`);
write('deep.py', `import os\nY = ${'os.environ.get("A", '.repeat(2000)}"x"${')'.repeat(2000)}\n` + `Z = ${Array.from({ length: 200 }, (_, i) => `A${i}`).join(' = ')} = 1\n`);
write('broken.py', 'def (:\n  app.run(debug=True\nclass :\n' + 'x = ((((('.repeat(1000));
write('binary.py', Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]));
write('chain.js', `const express = require('express');\nconst app = express();\napp${'.use()'.repeat(5000)};\nconst o = ${'{a:'.repeat(2000)}1${'}'.repeat(2000)};\n`);
write('long.ts', `import cors from 'cors';\nexport const x = cors({ origin: '${'a'.repeat(300_000)}' });\n`);
write('loop.js', "const a = b;\nconst b = a;\nconst c = require('pg');\nconst p = new c.Pool();\nmodule.exports = module.exports;\n");
write('docker-compose.yml', 'services:\n  web: [unclosed\n  environment: &a\n');
write('k8s/bomb.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n');
write('k8s/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  k: "!!!not base64!!!"\n  n: 42\n');
write('nginx/nginx.conf', 'http { server { location / { add_header Access-Control-Allow-Origin "unterminated ; } } } } } {{{ ' + '{'.repeat(500));
write('Procfile', 'web:\n: gunicorn\nweb: gunicorn -w\nweb: gunicorn -w ${WORKERS:-\n' + 'x'.repeat(100_000) + '\n');
write('gunicorn.conf.py', 'workers = = 4\nworkers = int(os.environ.get("W", "many"))\n');
write('.env', `A=${'x'.repeat(200_000)}\nexport =\n===\n"quoted\n`);
write('Dockerfile', 'FROM python\nCMD ["gunicorn", "-w"\nENV\n');

describe('application-security checks on hostile input', () => {
  for (const check of [cors, debug, ratelimit, session, transport, secrets]) {
    it(`${check.meta.id} finishes without an error`, async () => {
      const r = await runCheckOn(check, dir);
      expect(r.status, r.reason).not.toBe('error');
    });
  }
});
