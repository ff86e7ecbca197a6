/**
 * GitHub Actions workflows and the mina config: CI that installs, builds and tests on push and pull
 * request (answers ci.pipeline), the readiness gate (ci.readiness-gate) and `mina.yaml` holding the
 * gate's threshold. Every workflow starts read-only and pins each action to a full commit SHA, so
 * it passes ci.hardening as written. Other CI systems are not scaffolded (the plan says so).
 */
import { findConfig } from '../../config/mina-config.js';
import { VERSION } from '../../package-root.js';
import type { AppStack, FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { render } from '../template/load.js';
import { REPO_PATH, type TemplateScope } from '../template/values.js';
import { baseScope, failing, findingIds, githubCi, tok } from './common.js';

export const ciScaffold: Scaffold = {
  id: 'ci',
  title: 'CI workflow (GitHub Actions: install, build, test)',
  answers: ['ci.pipeline', 'ci.hardening'],
  offer(ctx) {
    if (!ctx.stack.app || !githubCi(ctx) || !failing(ctx, 'ci.pipeline')) return null;
    // a workflow that tests but on the wrong events needs its triggers edited, not a second workflow
    const ids = findingIds(ctx, 'ci.pipeline');
    if (ctx.before.has('ci.pipeline') && !ids.has('no-ci') && !ids.has('no-test-step')) return null;
    return { preselect: true, reason: `ci.pipeline is ${ctx.before.get('ci.pipeline')?.status ?? 'not run'}` };
  },
  files(ctx) {
    const app = ctx.stack.app!;
    const scope: TemplateScope = { ...baseScope(ctx), ...languageScope(ctx, app) };
    return [{ path: '.github/workflows/ci.yml', format: 'yaml', content: render('github/ci.yml.tmpl', scope, 'yaml') }];
  },
};

function languageScope(ctx: ScaffoldContext, app: AppStack): TemplateScope {
  const pm = app.packageManager.value;
  const test = app.testCommand?.value ?? (app.language === 'python' ? ['python', '-m', 'pytest'] : [pm, 'test']);
  const common = { runtimeVersion: app.runtimeVersion.value, test: test.join(' ') };
  if (app.language === 'python') {
    const reqs = ctx.repo.files.map((f) => f.path).filter((p) => /^requirements([-_.](dev|test|tests|ci))?\.txt$/.test(p) || p === app.manifest);
    const files = [...new Set(reqs)].filter((p) => p.endsWith('.txt') && REPO_PATH.test(p));
    return {
      ...common,
      python: true,
      node: false,
      pip: pm === 'pip',
      poetry: pm === 'poetry',
      poetryVersion: app.toolVersion ? tok(app.toolVersion) : null,
      installFiles: files.map((file) => ({ file: tok(file, REPO_PATH) })),
      installProject: files.length === 0 && ctx.repo.has('pyproject.toml'),
      installPytest: test[2] === 'pytest' && app.testCommand === null,
    };
  }
  const install = pm === 'npm' ? (app.lockfile ? 'npm ci' : 'npm install') : pm === 'pnpm' ? 'pnpm install --frozen-lockfile' : ctx.repo.has('.yarnrc.yml') ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
  return { ...common, python: false, node: true, npm: pm === 'npm' && app.lockfile !== null, corepack: pm !== 'npm', install, pm: tok(pm) };
}

export const readinessScaffold: Scaffold = {
  id: 'readiness-gate',
  title: 'Readiness gate workflow (mina check on every pull request)',
  answers: ['ci.readiness-gate', 'ci.hardening'],
  offer(ctx) {
    if (!githubCi(ctx) || !failing(ctx, 'ci.readiness-gate')) return null;
    // mina already runs in CI: its threshold (mina.yaml) or its triggers are what is missing
    if (ctx.before.has('ci.readiness-gate') && !findingIds(ctx, 'ci.readiness-gate').has('no-readiness-gate')) return null;
    return { preselect: true, reason: `ci.readiness-gate is ${ctx.before.get('ci.readiness-gate')?.status ?? 'not run'}` };
  },
  files(ctx) {
    const gateInConfig = configGate(ctx) !== null || ctx.answers.scaffolds.includes('mina-config');
    const scope: TemplateScope = {
      ...baseScope(ctx),
      minaVersion: tok(VERSION),
      minScore: ctx.answers.minScore,
      flagThreshold: !gateInConfig,
    };
    return [{ path: '.github/workflows/readiness.yml', format: 'yaml', content: render('github/readiness.yml.tmpl', scope, 'yaml') }];
  },
};

/** The gate of the mina config `mina check` would pick up, or null. */
function configGate(ctx: ScaffoldContext): object | null {
  try {
    const found = findConfig(ctx.stack.root);
    return found.file && found.config.gate && (found.config.gate.minScore || (found.config.gate.failOn && found.config.gate.failOn !== 'none')) ? found.config.gate : null;
  } catch {
    return null; // a broken config is mina check's error to report
  }
}

export const minaConfigScaffold: Scaffold = {
  id: 'mina-config',
  title: 'mina.yaml with the readiness gate',
  answers: ['ci.readiness-gate'],
  offer(ctx) {
    let file: string | null = null;
    try {
      file = findConfig(ctx.stack.root).file;
    } catch {
      return null;
    }
    return file ? null : { preselect: true, reason: 'no mina.yaml: the gate threshold lives there' };
  },
  files(ctx): FileSpec[] {
    return [{ path: 'mina.yaml', format: 'yaml', content: render('mina.yaml.tmpl', { minScore: ctx.answers.minScore }, 'yaml') }];
  },
};
