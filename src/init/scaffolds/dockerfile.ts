/**
 * Dockerfile and .dockerignore (answers container.dockerfile): a multi-stage build for the detected
 * language and package manager, the base pinned by tag — and by digest when the repository already
 * pins that exact image somewhere (mina never invents a digest) — a non-root USER, a HEALTHCHECK on
 * the app's health route (or its port), and the serve command detection found.
 */
import type { AppStack, FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { render } from '../template/load.js';
import { dnsLabel, IMAGE_REF, Json, K8S_NAME, REPO_PATH, type TemplateScope } from '../template/values.js';
import { dockerfilesFact } from '../../facts/dockerfiles.js';
import { failing, statusOf, tok } from './common.js';

const SUPPORTED = new Set(['pip', 'poetry', 'npm', 'pnpm', 'yarn']);

export const dockerfileScaffold: Scaffold = {
  id: 'dockerfile',
  title: 'Dockerfile and .dockerignore',
  answers: ['container.dockerfile'],
  offer(ctx) {
    const app = ctx.stack.app;
    if (!app?.command || !SUPPORTED.has(app.packageManager.value)) return null;
    if (app.packageManager.value === 'poetry' && !app.toolVersion) return null;
    const status = statusOf(ctx, 'container.dockerfile');
    if (status === 'fail' || status === 'partial' || status === 'error') return { preselect: true, reason: `container.dockerfile is ${status}` };
    if (status === 'not-applicable' && ctx.stack.dockerfiles.length === 0 && ctx.stack.platforms.length === 0) return { preselect: true, reason: 'no Dockerfile: the image Kubernetes runs' };
    return failing(ctx, 'container.dockerfile') ? { preselect: true, reason: 'no container image definition' } : null;
  },
  async files(ctx) {
    const app = ctx.stack.app!;
    const base = baseImage(app);
    const digest = await knownDigest(ctx, base);
    const scope: TemplateScope = {
      name: ctx.answers.name,
      app: tok(dnsLabel(ctx.answers.name), K8S_NAME),
      base: tok(base, IMAGE_REF),
      baseRef: tok(digest ? `${base}@${digest}` : base, IMAGE_REF),
      digest: digest !== null,
      port: ctx.answers.port,
      healthcheck: new Json(healthcheck(app, ctx.answers.port)),
      command: new Json(command(app, ctx.answers.port)),
    };
    const out: FileSpec[] = [];
    if (app.language === 'python') {
      const pm = app.packageManager.value;
      const manifest = app.manifest && REPO_PATH.test(app.manifest) ? app.manifest : null;
      const pip = pm === 'pip' && manifest !== null && manifest.endsWith('.txt');
      Object.assign(scope, {
        pip,
        pyproject: pm === 'pip' && !pip,
        poetry: pm === 'poetry',
        wheels: pm === 'pip',
        manifest: manifest ? tok(manifest, REPO_PATH) : null,
        poetryVersion: app.toolVersion ? tok(app.toolVersion) : null,
        aptBuild: app.nativePackages.build.map((pkg) => ({ pkg: tok(pkg) })),
        aptRun: app.nativePackages.run.map((pkg) => ({ pkg: tok(pkg) })),
        hasAptRun: app.nativePackages.run.length > 0,
      });
      out.push({ path: 'Dockerfile', format: 'dockerfile', content: render('docker/python.Dockerfile.tmpl', scope, 'dockerfile') });
      out.push({ path: '.dockerignore', format: 'text', content: render('docker/python.dockerignore.tmpl', {}, 'text') });
    } else {
      Object.assign(scope, nodeScope(app, ctx.repo.has('.yarnrc.yml')));
      out.push({ path: 'Dockerfile', format: 'dockerfile', content: render('docker/node.Dockerfile.tmpl', scope, 'dockerfile') });
      out.push({ path: '.dockerignore', format: 'text', content: render('docker/node.dockerignore.tmpl', {}, 'text') });
    }
    return out;
  },
};

function baseImage(app: AppStack): string {
  const v = app.runtimeVersion.value;
  return app.language === 'python' ? `python:${v}-slim` : `node:${v}-slim`;
}

/** A digest only when this repository already pins the same image and tag with one. */
async function knownDigest(ctx: ScaffoldContext, base: string): Promise<string | null> {
  for (const df of await ctx.repo.fact(dockerfilesFact)) {
    for (const stage of df.stages) {
      if (stage.base.kind !== 'image') continue;
      const { repository, tag, digest } = stage.base.image;
      const name = repository.replace(/^library\//, '');
      if (digest && /^sha256:[0-9a-f]{64}$/.test(digest) && `${name}:${tag}` === base) return digest;
    }
  }
  return null;
}

function nodeScope(app: AppStack, yarnrc: boolean): TemplateScope {
  const pm = app.packageManager.value;
  const berry = pm === 'yarn' && (yarnrc || (app.toolVersion !== null && !app.toolVersion.startsWith('1.')));
  const lock = app.lockfile && REPO_PATH.test(app.lockfile) ? app.lockfile : null;
  return {
    corepack: pm !== 'npm',
    copyFiles: ['package.json', ...(lock ? [lock] : []), ...(yarnrc ? ['.yarnrc.yml'] : [])].map((file) => ({ file: tok(file, REPO_PATH) })),
    npm: pm === 'npm' && lock !== null,
    npmNoLock: pm === 'npm' && lock === null,
    npmPrune: pm === 'npm',
    pnpm: pm === 'pnpm',
    yarnClassic: pm === 'yarn' && !berry,
    yarnBerry: berry,
    build: app.buildScript,
    pm: tok(pm),
  };
}

function command(app: AppStack, port: number): string[] {
  const argv = app.command!.value.map((w) => w.replace(/\{PORT\}/g, String(port)));
  // exec form expands no variables: a command written for a shell ($PORT) keeps one, with exec
  return argv.some((w) => w.includes('$')) ? ['/bin/sh', '-c', `exec ${argv.join(' ')}`] : argv;
}

function healthcheck(app: AppStack, port: number): string[] {
  const path = app.health.liveness?.value;
  if (app.language === 'python') {
    return path
      ? ['python', '-c', `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}${path}', timeout=4)`]
      : ['python', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port}), timeout=4).close()`];
  }
  return path
    ? ['node', '-e', `require('http').get('http://127.0.0.1:${port}${path}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`]
    : ['node', '-e', `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`];
}
