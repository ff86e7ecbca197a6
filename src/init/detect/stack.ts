/**
 * Detection for `mina init`: everything a scaffold needs to fit the repository, each value with the
 * file it was read from. Reads the repository only through the RepoContext and its shared facts (and
 * `.git/config`/`HEAD` as plain files); never runs anything from it.
 */
import path from 'node:path';
import type { RepoContext } from '../../context/repo-context.js';
import { tomlParser } from '../../facts/deps/toml-lines.js';
import type { Detected, Stack } from '../model.js';
import { readGitInfo } from './git-remote.js';
import { detectInfra } from './infra.js';
import { detectNodeApp, readPackageJson } from './node-app.js';
import { detectPythonApp, pythonDeps } from './python-app.js';
import { databaseUrlEnv } from './env-names.js';

export async function detectStack(repo: RepoContext): Promise<Stack> {
  const pkg = await readPackageJson(repo);
  const py = await pythonDeps(repo);
  const pyMarkers = ['manage.py', 'pyproject.toml', 'requirements.txt', 'Pipfile', 'setup.py'].some((f) => repo.has(f)) || py.size > 0;
  const nodeServer = pkg && ['express', 'fastify', '@nestjs/core'].some((d) => pkg.dependencies?.[d] !== undefined);
  // a Python service with a package.json for front-end tooling is still a Python service
  const app = pyMarkers && !nodeServer ? await detectPythonApp(repo, py) : pkg ? await detectNodeApp(repo, pkg) : null;
  const infra = await detectInfra(repo);
  const notes: string[] = [];
  if (app?.missingServer) notes.push(`${app.missingServer} is not in your dependencies: add it (pinned), or the image cannot start`);
  if (app && !app.command) notes.push('no entry point found: the Dockerfile is not scaffolded (set a start command, e.g. a Procfile `web:` line or package.json scripts.start)');
  if (app && !app.health.liveness) notes.push('no health endpoint found: probes and HEALTHCHECK check the TCP port; add GET /healthz and /readyz (monitoring.health-endpoints)');
  const otherCi = infra.ci.systems.filter((s) => s !== 'github');
  if (otherCi.length) notes.push(`CI runs on ${otherCi.join(', ')}: mina init writes GitHub Actions only, so add the readiness gate there by hand (a job running \`npx mina check .\` with a threshold)`);
  if (infra.k8s.layout === 'kustomize') notes.push('kustomize layout: mina init adds no manifests to it (they would need a resources: entry); the plan lists what the Kubernetes checks still find');
  if (app?.realtime) notes.push('Socket.IO across replicas needs sticky sessions at the ingress (or websocket-only clients) and a shared message queue (scaling.multi-worker)');
  if (app?.language === 'python' && (app.packageManager.value === 'uv' || app.packageManager.value === 'pipenv')) {
    notes.push(`${app.packageManager.value}: mina does not scaffold its Dockerfile (it knows no ${app.packageManager.value} version to pin); write the build stage by hand`);
  }
  return {
    root: repo.root,
    name: await projectName(repo, pkg),
    app,
    ...infra,
    databaseUrlEnv: await databaseUrlEnv(repo),
    git: await readGitInfo(repo.root),
    notes,
  };
}

async function projectName(repo: RepoContext, pkg: { name?: unknown } | null): Promise<Detected<string>> {
  if (typeof pkg?.name === 'string' && pkg.name.trim()) return { value: pkg.name.replace(/^@[^/]+\//, ''), from: 'package.json name' };
  if (repo.has('pyproject.toml')) {
    const text = (await repo.text('pyproject.toml')) ?? '';
    const m = /^\s*name\s*=\s*"([^"\n]{1,100})"/m.exec(text);
    if (m && (await repo.parse('pyproject.toml', tomlParser))) return { value: m[1], from: 'pyproject.toml name' };
  }
  return { value: path.basename(repo.root), from: 'directory name' };
}
