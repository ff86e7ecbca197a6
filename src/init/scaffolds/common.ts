/**
 * What several scaffolds share: reading the "before" results, the values every template may use
 * (names, branch, image, namespace), and where the Kubernetes manifests are or will be.
 */
import type { Status } from '../../engine/check-api.js';
import type { ScaffoldContext } from '../model.js';
import { dnsLabel, IMAGE_REF, K8S_NAME, REPO_PATH, Token, type TemplateScope } from '../template/values.js';
import { pinScope } from '../action-pins.js';

type Ctx = Pick<ScaffoldContext, 'before' | 'stack'>;

/** The check's status before init; `unknown` when the check is not installed. */
export function statusOf(ctx: Ctx, id: string): Status | 'unknown' {
  return ctx.before.get(id)?.status ?? 'unknown';
}

/** The check fails (or has not run): there is something to answer. */
export function failing(ctx: Ctx, id: string): boolean {
  const s = statusOf(ctx, id);
  return s === 'fail' || s === 'partial' || s === 'error' || s === 'unknown';
}

export function findingIds(ctx: Ctx, id: string): Set<string> {
  return new Set((ctx.before.get(id)?.findings ?? []).map((f) => f.id));
}

/** GitHub Actions is the CI system, or there is none yet. */
export function githubCi(ctx: Ctx): boolean {
  return ctx.stack.ci.systems.every((s) => s === 'github');
}

export interface K8sTarget {
  dir: string;
  deploymentFile: string;
  app: string;
  container: string;
  namespace: string | null;
  /** The Secret the app takes its environment from (the backup job reads the database URL there). */
  secret: string;
  /** The manifests are new (the kubernetes scaffold writes them). */
  greenfield: boolean;
}

/** Where the app's manifests are (an existing plain layout or Helm chart) or will be written; null without Kubernetes. */
export function k8sTarget(ctx: ScaffoldContext): K8sTarget | null {
  const { k8s } = ctx.stack;
  if (k8s.layout === 'none') {
    if (!ctx.answers.scaffolds.includes('kubernetes')) return null;
    const dir = greenfieldDir(ctx);
    const app = dnsLabel(ctx.answers.name);
    return { dir, deploymentFile: `${dir}/deployment.yaml`, app, container: 'app', namespace: ctx.answers.namespace, secret: `${app.slice(0, 50)}-env`, greenfield: true };
  }
  const w = k8s.workloads[0];
  if (!w || !K8S_NAME.test(w.name) || !k8s.dir || !REPO_PATH.test(k8s.dir)) return null;
  const dir = k8s.layout === 'helm' ? `${k8s.dir === '.' ? '' : `${k8s.dir}/`}templates` : k8s.dir;
  const secret = w.envSecrets.find((n) => K8S_NAME.test(n)) ?? `${w.name.slice(0, 50)}-env`;
  return { dir, deploymentFile: w.file, app: w.name, container: w.containers[0] ?? 'app', namespace: w.namespace, secret, greenfield: false };
}

export function greenfieldDir(ctx: Pick<ScaffoldContext, 'repo'>): string {
  return ctx.repo.has('k8s') || ctx.repo.files.some((f) => f.path.startsWith('k8s/')) ? 'deploy/k8s' : 'k8s';
}

export function tok(value: string, pattern?: RegExp): Token {
  return Token.of(value, pattern);
}

/** Values every template may use. Free text stays a string (escaped per format); the rest are tokens. */
export function baseScope(ctx: ScaffoldContext): TemplateScope {
  const { stack, answers } = ctx;
  const target = k8sTarget(ctx);
  const app = target?.app ?? dnsLabel(answers.name);
  const namespace = target?.namespace ?? null;
  return {
    ...pinScope(),
    name: answers.name,
    app: tok(app, K8S_NAME),
    branch: tok(stack.git.branch.value),
    image: tok(answers.image, IMAGE_REF),
    registry: tok(answers.image.split('/')[0]),
    ghcr: answers.image.startsWith('ghcr.io/'),
    namespace: namespace !== null,
    ns: namespace !== null ? tok(namespace, K8S_NAME) : null,
    k8s: target !== null,
    k8sDir: target ? tok(target.dir, REPO_PATH) : null,
    deploymentFile: target ? tok(target.deploymentFile, REPO_PATH) : null,
    port: answers.port,
    healthPath: tok(stack.app?.health.liveness?.value ?? '/'),
    database: stack.databases.length > 0,
    databaseUrlEnv: tok(stack.databaseUrlEnv.value),
    secretName: tok(target?.secret ?? `${app.slice(0, 50)}-env`, K8S_NAME),
  };
}
