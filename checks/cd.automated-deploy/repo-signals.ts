/**
 * Delivery evidence outside CI files: whether the project is something that gets deployed at all,
 * GitOps controllers that deploy it (Argo CD Applications with automated sync, Flux), and rollout
 * configuration that gives a way back (Argo Rollouts, Flagger canaries, Flux Helm remediation, ECS
 * circuit breakers with rollback, fly.toml blue-green/canary).
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import type { Hit } from './deploy-steps.js';

const DEPLOYABLE = [
  '**/Dockerfile', '**/*.Dockerfile', '**/Dockerfile.*', '**/Containerfile', '**/{docker-,}compose.{yml,yaml}', '**/docker-compose.*.{yml,yaml}',
  '**/Chart.yaml', '**/kustomization.{yml,yaml}', '{k8s,kubernetes,deploy,deployment,manifests,helm,charts}/**/*.{yml,yaml}',
  'Procfile', 'app.yaml', 'app.json', 'fly.toml', 'render.yaml', 'railway.{json,toml}', 'serverless.{yml,yaml}', 'vercel.json', 'netlify.toml',
  '**/*.tf', 'samconfig.toml', 'template.{yml,yaml}', 'Dockerrun.aws.json', '.ebextensions/**', 'appspec.{yml,yaml}', 'skaffold.{yml,yaml}',
  'azure.yaml', 'cdk.json', 'Pulumi.yaml', '.platform.app.yaml', 'config/deploy.yml', 'Capfile', 'wrangler.toml', 'zappa_settings.json',
];
const MANIFEST_MARKERS = ['argoproj.io', 'flagger.app', 'fluxcd.io'];
const MAX_MANIFEST_BYTES = 1024 * 1024;

export function deployableFiles(repo: RepoContext): string[] {
  // Dev containers, examples and test fixtures do not make a repository deployable.
  return repo.glob(DEPLOYABLE, { nocase: true }).map((f) => f.path).filter((p) => !/(^|\/)(\.devcontainer|fixtures?|testdata|examples?|node_modules)\//i.test(p));
}

export interface ManifestEvidence {
  deploy: Hit[];
  rollback: Hit[];
}

export async function manifestEvidence(repo: RepoContext): Promise<ManifestEvidence> {
  const deploy: Hit[] = [];
  const rollback: Hit[] = [];
  for (const f of repo.glob(['**/*.yml', '**/*.yaml'])) {
    if (f.size > MAX_MANIFEST_BYTES || f.path.startsWith('.github/')) continue;
    const text = await repo.text(f.path);
    if (!text || !MANIFEST_MARKERS.some((m) => text.includes(m))) continue;
    const parsed = await repo.parse(f.path, yamlParser);
    for (const doc of parsed?.docs ?? []) {
      if (doc.errors.length) continue;
      const apiVersion = String(doc.get('apiVersion') ?? '');
      const kind = String(doc.get('kind') ?? '');
      const line = parsed!.lineAt((doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0);
      const at = { file: f.path, line };
      if (apiVersion.startsWith('argoproj.io/') && kind === 'Rollout') rollback.push({ what: 'Argo Rollouts Rollout', ...at });
      else if (apiVersion.startsWith('flagger.app/') && kind === 'Canary') rollback.push({ what: 'Flagger Canary', ...at });
      else if (apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet') && hasPath(doc, kind === 'Application' ? ['spec', 'syncPolicy', 'automated'] : ['spec', 'template', 'spec', 'syncPolicy', 'automated'])) {
        deploy.push({ what: `Argo CD ${kind} with automated sync`, ...at });
      } else if (apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') && kind === 'Kustomization') deploy.push({ what: 'Flux Kustomization', ...at });
      else if (apiVersion.startsWith('helm.toolkit.fluxcd.io/') && kind === 'HelmRelease') {
        deploy.push({ what: 'Flux HelmRelease', ...at });
        if (hasPath(doc, ['spec', 'upgrade', 'remediation'])) rollback.push({ what: 'Flux HelmRelease upgrade remediation', ...at });
      }
    }
  }
  rollback.push(...(await configRollback(repo)));
  return { deploy, rollback };
}

function hasPath(doc: { hasIn(path: string[]): boolean }, path: string[]): boolean {
  return doc.hasIn(path);
}

/** Rollback switched on in infrastructure code or platform config, found on its own line. */
async function configRollback(repo: RepoContext): Promise<Hit[]> {
  const out: Hit[] = [];
  const scan = async (patterns: string[], test: (line: string) => boolean, what: string) => {
    for (const f of repo.glob(patterns, { nocase: true })) {
      if (f.size > MAX_MANIFEST_BYTES) continue;
      const lines = ((await repo.text(f.path)) ?? '').split('\n');
      const i = lines.findIndex(test);
      if (i >= 0) out.push({ what, file: f.path, line: i + 1 });
    }
  };
  // terraform: deployment_circuit_breaker { enable = true  rollback = true }
  await scan(['**/*.tf'], (l) => /^\s*rollback\s*=\s*true\b/.test(l), 'ECS deployment circuit breaker with rollback');
  await scan(['fly.toml'], (l) => /^\s*strategy\s*=\s*["'](bluegreen|canary)["']/.test(l), 'fly.io blue-green/canary deploy strategy');
  await scan(['template.{yml,yaml}', '**/*.template.{yml,yaml}'], (l) => /^\s*DeploymentPreference\s*:/.test(l), 'SAM/CodeDeploy traffic shifting');
  return out;
}
