import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { servingFact } from '../../src/facts/serving.js';
import { deployEnvFact } from '../../src/facts/deploy-env.js';
import { describeCommand } from '../../src/facts/server-command.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function repoOf(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-serving-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 1024 * 1024 });
}

const ctx = { env: () => null, gunicornConfigs: [] };

describe('server commands', () => {
  it('reads gunicorn workers, class and target in every flag form', () => {
    expect(describeCommand(['gunicorn', '-w', '4', '-k', 'eventlet', 'app:app'], ctx)).toMatchObject({ server: 'gunicorn', workers: 4, workerClass: 'eventlet', appTarget: 'app:app' });
    expect(describeCommand(['gunicorn', '--workers=3', '--bind', '0.0.0.0:80', 'wsgi:application'], ctx)).toMatchObject({ workers: 3, appTarget: 'wsgi:application' });
    expect(describeCommand(['gunicorn', '-w2', 'app:app'], ctx)?.workers).toBe(2);
    expect(describeCommand(['gunicorn', 'app:app'], ctx)?.workers).toBe(1);
    expect(describeCommand(['gunicorn', '-w', '${WORKERS:-5}', 'app:app'], ctx)?.workers).toBe(5);
    expect(describeCommand(['gunicorn', '-w', '$(nproc)', 'app:app'], ctx)?.workers).toBe('auto');
    expect(describeCommand(['gunicorn', 'app:app'], { ...ctx, env: (n: string) => (n === 'WEB_CONCURRENCY' ? '6' : null) })?.workers).toBe(6);
  });

  it('looks through wrappers and python -m', () => {
    expect(describeCommand(['poetry', 'run', 'python', '-m', 'gunicorn', '-w', '2', 'a:b'], ctx)).toMatchObject({ server: 'gunicorn', workers: 2 });
    expect(describeCommand(['ddtrace-run', 'uvicorn', 'main:app', '--workers', '4'], ctx)).toMatchObject({ server: 'uvicorn', workers: 4, appTarget: 'main:app' });
    expect(describeCommand(['python3', '-u', 'app.py'], ctx)).toMatchObject({ server: 'python', script: 'app.py' });
    expect(describeCommand(['python', '-m', 'myapp.server'], ctx)).toMatchObject({ server: 'python', module: 'myapp.server' });
    expect(describeCommand(['flask', 'run', '--host=0.0.0.0'], ctx)?.server).toBe('flask');
    expect(describeCommand(['flask', 'db', 'upgrade'], ctx)).toBeNull();
    expect(describeCommand(['pm2-runtime', 'start', 'server.js', '-i', 'max'], ctx)).toMatchObject({ server: 'pm2', workers: 'auto' });
    expect(describeCommand(['npm', 'start'], ctx)).toBeNull();
  });
});

describe('serving fact', () => {
  it('collects commands, gunicorn config and replicas, and finds multi-process evidence', async () => {
    const repo = await repoOf({
      'Procfile': 'web: gunicorn -c gunicorn.conf.py app:app\nworker: celery -A app worker\n',
      'gunicorn.conf.py': 'import multiprocessing\nbind = "0.0.0.0:8000"\nworkers = multiprocessing.cpu_count() * 2 + 1\nworker_class = "gevent"\n',
      'Dockerfile': 'FROM python:3.12\nENV WEB_CONCURRENCY=3\nCMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0"]\n',
      'docker-compose.yml': 'services:\n  web:\n    command: ["python", "manage.py", "runserver"]\n    deploy:\n      replicas: 3\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n          args: ["./start.sh"]\n',
      'start.sh': '#!/bin/sh\nset -e\nexec gunicorn --workers 2 wsgi:app\n',
    });
    const s = await repo.fact(servingFact);
    const brief = s.commands.map((c) => [c.source, c.file, c.line, c.server, c.workers]);
    expect(brief).toEqual(
      expect.arrayContaining([
        ['procfile', 'Procfile', 1, 'gunicorn', 'auto'],
        ['dockerfile', 'Dockerfile', 3, 'uvicorn', 3],
        ['compose', 'docker-compose.yml', 3, 'django', 1],
        ['script', 'start.sh', 3, 'gunicorn', 2],
      ]),
    );
    expect(s.commands.find((c) => c.source === 'procfile')).toMatchObject({ workerClass: 'gevent', workersFrom: { file: 'gunicorn.conf.py', line: 3 } });
    expect(s.replicas).toEqual(expect.arrayContaining([{ file: 'docker-compose.yml', line: 5, count: 3, kind: 'compose' }]));
    expect(s.multiProcess).toMatchObject({ file: 'gunicorn.conf.py', line: 3 });
  });

  it('reports a single process when nothing scales out', async () => {
    const repo = await repoOf({ 'Procfile': 'web: gunicorn app:app\n' });
    expect((await repo.fact(servingFact)).multiProcess).toBeNull();
  });
});

describe('deploy env fact', () => {
  it('reads Dockerfile, compose (with env_file), k8s and dotenv settings, marking dev files', async () => {
    const repo = await repoOf({
      'Dockerfile': 'FROM node:20\nENV NODE_ENV=production PORT=3000\n',
      'Dockerfile.dev': 'FROM node:20\nENV NODE_ENV=development\n',
      'docker-compose.yml': 'services:\n  api:\n    env_file: ./config/api.env\n    environment:\n      REDIS_URL: redis://redis:6379\n',
      'config/api.env': '# comment\nexport RATELIMIT_STORAGE_URI="memory://"\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          envFrom:\n            - configMapRef: { name: api-config }\n          env:\n            - name: DB_PASSWORD\n              valueFrom: { secretKeyRef: { name: db, key: password } }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: api-config }\ndata:\n  LOG_LEVEL: debug\n',
      '.env.example': 'SECRET_KEY=changeme\n',
    });
    const env = await repo.fact(deployEnvFact);
    const brief = env.settings.map((s) => [s.name, s.value, s.file, s.line, s.source, s.dev, s.ref ?? null]);
    expect(brief).toEqual(
      expect.arrayContaining([
        ['NODE_ENV', 'production', 'Dockerfile', 2, 'dockerfile', false, null],
        ['NODE_ENV', 'development', 'Dockerfile.dev', 2, 'dockerfile', true, null],
        ['REDIS_URL', 'redis://redis:6379', 'docker-compose.yml', 5, 'compose', false, null],
        ['RATELIMIT_STORAGE_URI', 'memory://', 'config/api.env', 2, 'compose', false, null],
        ['DB_PASSWORD', null, 'k8s/deploy.yaml', 12, 'k8s', false, 'secret'],
        ['LOG_LEVEL', 'debug', 'k8s/deploy.yaml', 19, 'k8s', false, 'configmap'],
        ['SECRET_KEY', 'changeme', '.env.example', 1, 'dotenv', true, null],
      ]),
    );
    expect(env.production('NODE_ENV').map((s) => s.file)).toEqual(['Dockerfile']);
  });
});
