/**
 * Delivery and dependency automation on GitHub: a deploy workflow (answers cd.automated-deploy) that
 * builds and pushes the image and rolls it out to the `production` environment with a rollback
 * path, and a Dependabot config (answers deps.update-automation) covering every dependency folder,
 * the workflows' pinned actions and the Docker bases — or, under --force, the missing entries
 * appended to the config that exists.
 */
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { lockfilesFact, manifestsFact } from '../../facts/deps/collect.js';
import type { FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { render } from '../template/load.js';
import { REPO_PATH, type TemplateScope } from '../template/values.js';
import { baseScope, failing, githubCi, k8sTarget, statusOf, tok } from './common.js';

export const deployScaffold: Scaffold = {
  id: 'deploy',
  title: 'Deploy workflow (build, push, roll out to production, undo on failure)',
  answers: ['cd.automated-deploy'],
  needs: ['kubernetes', 'dockerfile'],
  offer(ctx) {
    if (!githubCi(ctx) || !ctx.stack.app) return null;
    const status = statusOf(ctx, 'cd.automated-deploy');
    const k8s = ctx.stack.k8s.layout !== 'none' || ctx.stack.platforms.length === 0;
    if (!k8s) return null;
    if (status === 'not-applicable') return { preselect: true, reason: 'a Dockerfile and manifests make the service deployable: deliver it automatically' };
    return failing(ctx, 'cd.automated-deploy') ? { preselect: true, reason: `cd.automated-deploy is ${status}` } : null;
  },
  files(ctx): FileSpec[] {
    const target = k8sTarget(ctx);
    if (!target) return [];
    const layout = target.greenfield ? 'plain' : ctx.stack.k8s.layout;
    const scope: TemplateScope = {
      ...baseScope(ctx),
      container: tok(target.container),
      plain: layout === 'plain',
      kustomize: layout === 'kustomize',
      helm: layout === 'helm',
      chartDir: tok(ctx.stack.k8s.dir ?? '.', REPO_PATH),
    };
    return [{ path: '.github/workflows/deploy.yml', format: 'yaml', content: render('github/deploy.yml.tmpl', scope, 'yaml') }];
  },
};

export const dependabotScaffold: Scaffold = {
  id: 'dependabot',
  title: 'Dependabot config (dependencies, actions, Docker bases)',
  answers: ['deps.update-automation'],
  offer(ctx) {
    if (!githubCi(ctx) || !failing(ctx, 'deps.update-automation')) return null;
    const status = statusOf(ctx, 'deps.update-automation');
    return status === 'not-applicable' && !ctx.stack.app ? null : { preselect: true, reason: `deps.update-automation is ${status}` };
  },
  async files(ctx) {
    const entries = await updateEntries(ctx);
    const existing = ['.github/dependabot.yml', '.github/dependabot.yaml'].find((p) => ctx.repo.has(p));
    if (existing) {
      const patched = appendUpdates((await ctx.repo.text(existing)) ?? '', entries);
      return patched === null ? [] : [{ path: existing, format: 'yaml', content: patched, patch: true }];
    }
    const scope: TemplateScope = {
      entries: entries.map(([ecosystem, directory]) => ({ ecosystem: tok(ecosystem), directory: tok(directory, /^\/[A-Za-z0-9._/-]*$/), group: tok(`${ecosystem}-${directory === '/' ? 'root' : directory.slice(1).replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 60)) })),
    };
    return [{ path: '.github/dependabot.yml', format: 'yaml', content: render('github/dependabot.yml.tmpl', scope, 'yaml') }];
  },
};

/**
 * An existing config keeps every entry it has; the folders it misses are appended as new `updates`
 * entries (comments and layout of the rest untouched). Null when it does not parse or misses nothing.
 */
function appendUpdates(text: string, entries: Array<[string, string]>): string | null {
  const doc = parseDocument(text);
  const updates = doc.get('updates');
  if (doc.errors.length || !isSeq(updates)) return null;
  const norm = (d: string) => d.replace(/\/$/, '') || '/';
  const covered = (eco: string, dir: string) =>
    updates.items.some((item) => {
      if (!isMap(item) || item.get('package-ecosystem') !== eco) return false;
      const dirs = [item.get('directory'), ...(isSeq(item.get('directories')) ? (item.get('directories') as { items: unknown[] }).items.map((n) => (isScalar(n) ? n.value : n)) : [])];
      return dirs.some((d) => typeof d === 'string' && (norm(d) === norm(dir) || (/[*?[{]/.test(d) && picomatch(d, { dot: true })(dir))));
    });
  const missing = entries.filter(([eco, dir]) => !covered(eco, dir));
  if (missing.length === 0) return null;
  for (const [eco, dir] of missing) updates.add(doc.createNode({ 'package-ecosystem': eco, directory: dir, schedule: { interval: 'weekly' } }));
  return doc.toString();
}

/** `[ecosystem, directory]` for every npm/pip folder (as deps.update-automation counts them), Actions and Docker. */
async function updateEntries(ctx: ScaffoldContext): Promise<Array<[string, string]>> {
  const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const out = new Map<string, [string, string]>();
  const add = (eco: string, dir: string) => {
    const d = `/${dir}`;
    if (REPO_PATH.test(dir || '.')) out.set(`${eco}:${d}`, [eco, d]);
  };
  for (const m of (await ctx.repo.fact(manifestsFact)).manifests) add(m.ecosystem === 'npm' ? 'npm' : 'pip', dirOf(m.lockfile ?? m.path));
  for (const lock of (await ctx.repo.fact(lockfilesFact)).locks) {
    if (lock.kind !== 'requirements') continue;
    const dir = dirOf(lock.path);
    add('pip', dir.split('/').pop() === 'requirements' ? dirOf(dir) : dir);
  }
  add('github-actions', '');
  const dockerDirs = new Set([...ctx.stack.dockerfiles.map(dirOf), ...(ctx.answers.scaffolds.includes('dockerfile') ? [''] : [])]);
  for (const dir of [...dockerDirs].sort()) add('docker', dir);
  return [...out.values()];
}
