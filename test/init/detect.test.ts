/**
 * What init detects on each fixture stack, from the shared facts: framework, realtime stack,
 * package manager and lockfile, the serve command and port, health routes, database and cache, the
 * existing CI and Kubernetes layout. Detection is shown before anything is written, so it is
 * tested as the user reads it too.
 */
import { describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { detectStack } from '../../src/init/detect/stack.js';
import { detectionText } from '../../src/init/report.js';
import { parseOriginUrl } from '../../src/init/detect/git-remote.js';
import { Chalk } from 'chalk';
import { FIXTURES } from './helpers.js';
import path from 'node:path';

async function detect(name: string) {
  return detectStack(await RepoContext.create(path.join(FIXTURES, name), { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 }));
}

describe('detection', () => {
  it.each([
    ['flask-socketio', 'flask', 'pip', ['gunicorn', '--worker-class', 'eventlet', '--workers', '1', '--bind', '0.0.0.0:{PORT}', '--access-logfile', '-', 'chat:create_app()'], 5000, '/healthz', '/readyz', ['postgres'], ['redis']],
    ['fastapi', 'fastapi', 'poetry', ['uvicorn', 'inventory.main:app', '--host', '0.0.0.0', '--port', '{PORT}', '--workers', '2', '--proxy-headers'], 8000, '/health', '/health', ['postgres'], []],
    ['django', 'django', 'pip', ['gunicorn', '--workers', '2', '--bind', '0.0.0.0:{PORT}', '--access-logfile', '-', 'shop.wsgi:application'], 8000, null, null, ['postgres'], ['redis']],
    ['express', 'express', 'npm', ['node', 'src/server.js'], 3000, '/healthz', '/readyz', ['postgres'], []],
    ['fastify', 'fastify', 'pnpm', ['node', 'src/server.js'], 8080, '/livez', '/readyz', ['postgres'], []],
    ['nest', 'nest', 'yarn', ['node', 'dist/main.js'], 3000, '/health', '/health', [], []],
    ['flask-k8s', 'flask', 'pip', ['gunicorn', '--bind', '0.0.0.0:8000', '--workers', '2', 'app:app'], 8000, '/health', '/health', ['postgres'], []],
  ])('%s: %s on %s', async (name, framework, pm, command, port, liveness, readiness, databases, caches) => {
    const stack = await detect(name);
    const app = stack.app!;
    expect(app.framework?.value).toBe(framework);
    expect(app.packageManager.value).toBe(pm);
    expect(app.command?.value).toEqual(command);
    expect(app.port.value).toBe(port);
    expect(app.health.liveness?.value ?? null).toBe(liveness);
    expect(app.health.readiness?.value ?? null).toBe(readiness);
    expect(stack.databases.map((d) => d.value)).toEqual(databases);
    expect(stack.caches.map((d) => d.value)).toEqual(caches);
  });

  it('reads the realtime stack, test runner, versions, CI and Kubernetes layout', async () => {
    const flask = await detect('flask-socketio');
    expect(flask.app?.realtime?.value).toBe('Flask-SocketIO');
    expect(flask.app?.workerClass?.value).toBe('eventlet');
    expect(flask.app?.runtimeVersion).toEqual({ value: '3.11', from: '.python-version' });
    expect(flask.app?.testCommand?.value).toEqual(['python', '-m', 'pytest']);
    expect(flask.notes.join('\n')).toMatch(/sticky sessions/);
    const fastapi = await detect('fastapi');
    expect(fastapi.app?.toolVersion).toBe('1.8.3');
    expect(fastapi.name.value).toBe('inventory-api');
    expect((await detect('django')).app?.nativePackages).toEqual({ build: ['libpq-dev'], run: ['libpq5'] });
    expect((await detect('django')).app?.testCommand?.value).toEqual(['python', 'manage.py', 'test']);
    const express = await detect('express');
    expect(express.name.value).toBe('orders-api');
    expect(express.app?.lockfile).toBe('package-lock.json');
    const k8s = await detect('flask-k8s');
    expect(k8s.ci.systems).toEqual(['github']);
    expect(k8s.k8s).toMatchObject({ layout: 'plain', dir: 'deploy/k8s', workloads: [{ name: 'ledger', namespace: 'ledger', images: ['ghcr.io/acme/ledger'], envSecrets: ['ledger-env'], containers: ['web'] }] });
    expect(k8s.dockerfiles).toEqual(['Dockerfile']);
    const helm = await detect('express-helm');
    expect(helm.k8s).toMatchObject({ layout: 'helm', dir: 'chart', workloads: [{ name: 'orders-api', file: 'chart/templates/deployment.yaml', images: ['ghcr.io/acme/orders-api'] }] });
  });

  it('prints what it found and where before anything is written', async () => {
    const text = detectionText(await detect('flask-socketio'), new Chalk({ level: 0 }));
    expect(text).toContain('framework    Flask (requirements.txt:1) · Socket.IO via Flask-SocketIO · eventlet workers');
    expect(text).toContain('database     PostgreSQL (requirements.txt:7 (dependency psycopg2-binary))');
    expect(text).toContain('cache        Redis (requirements.txt:8 (redis))');
  });

  it('reads the GitHub owner from the origin remote without running git', () => {
    expect(parseOriginUrl('[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:Acme/shop.git\n')).toEqual({ host: 'github.com', owner: 'Acme', repo: 'shop' });
    expect(parseOriginUrl('[remote "origin"]\n  url = https://github.com/acme/shop\n')).toEqual({ host: 'github.com', owner: 'acme', repo: 'shop' });
    expect(parseOriginUrl('[remote "upstream"]\n  url = https://github.com/other/x\n')).toBeNull();
  });
});
