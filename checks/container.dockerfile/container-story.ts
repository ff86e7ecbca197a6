/**
 * Whether a repository without a Dockerfile still ships containers — and so should have one — and
 * which images Kubernetes already health-checks. A repository with no container story (no
 * manifests, no compose build, no skaffold) is not judged on Dockerfiles at all; one whose images
 * come from Jib, ko or buildpacks has no Dockerfile to judge; a config-only GitOps repository
 * deploys images built elsewhere.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser, yamlValues } from '../../src/context/parsers/yaml.js';
import { parseImageRef, type DockerfileInfo } from '../../src/facts/dockerfiles.js';
import { asRecord, isWorkloadKind, type K8sFacts } from '../../src/facts/k8s/index.js';

const SOURCE_MARKERS = ['package.json', 'pyproject.toml', 'setup.py', 'Pipfile', 'go.mod', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'composer.json', 'mix.exs'];
const COMPOSE = '**/{docker-,}compose{,.*}.{yml,yaml}';

export type Story = { kind: 'none' } | { kind: 'elsewhere'; reason: string } | { kind: 'containers'; evidence: string };

export async function containerStory(repo: RepoContext, k8s: K8sFacts): Promise<Story> {
  const builder = await dockerlessBuilder(repo);
  if (builder) return { kind: 'elsewhere', reason: `images are built without a Dockerfile (${builder})` };
  const evidence: string[] = [];
  if (k8s.workloads.length || k8s.textTemplates.some((t) => t.kinds.some((k) => isWorkloadKind(k.kind)))) evidence.push('Kubernetes workloads');
  for (const f of repo.glob(COMPOSE)) {
    const parsed = await repo.parse(f.path, yamlParser);
    const services = asRecord(asRecord(parsed ? yamlValues(parsed)[0] : null)?.services);
    if (services && Object.values(services).some((s) => asRecord(s)?.build !== undefined)) evidence.push(`${f.path} builds an image`);
  }
  if (repo.glob('**/skaffold.{yaml,yml}').length) evidence.push('skaffold.yaml');
  if (evidence.length === 0) return { kind: 'none' };
  const hasSource = repo.files.some((f) => SOURCE_MARKERS.includes(f.path.slice(f.path.lastIndexOf('/') + 1)) || /(^|\/)requirements[^/]*\.txt$/.test(f.path) || /\.csproj$/.test(f.path));
  if (!hasSource && evidence.length === 1 && evidence[0] === 'Kubernetes workloads') {
    return { kind: 'elsewhere', reason: 'the repository holds manifests but no application source: its images are built elsewhere' };
  }
  return { kind: 'containers', evidence: evidence.join(', ') };
}

async function dockerlessBuilder(repo: RepoContext): Promise<string | null> {
  if (repo.glob('**/.ko.yaml').length) return 'ko';
  if (repo.has('project.toml')) return 'Cloud Native Buildpacks';
  if (repo.has('nixpacks.toml')) return 'Nixpacks';
  for (const f of repo.glob('**/{pom.xml,build.gradle,build.gradle.kts}')) {
    if (((await repo.text(f.path)) ?? '').includes('jib')) return 'Jib';
  }
  return null;
}

/** Directory names that say nothing about which image a Dockerfile builds. */
const GENERIC_DIRS = new Set(['', 'docker', '.docker', 'build', 'deploy', 'deployment', 'ci', 'images', 'containers', 'dockerfiles', 'infra']);

/** Images a manifest runs beside the application, never built by its Dockerfile. */
const INFRA_IMAGES = new Set(['redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'memcached', 'rabbitmq', 'nginx', 'httpd', 'haproxy', 'envoy', 'busybox', 'alpine', 'ubuntu', 'debian', 'elasticsearch', 'kibana', 'zookeeper', 'kafka', 'traefik', 'consul', 'vault', 'minio', 'cassandra', 'influxdb', 'grafana', 'prometheus']);

/**
 * Does a Kubernetes workload probe the image this Dockerfile builds? The image name is matched
 * against the Dockerfile's directory or `Dockerfile.<name>` suffix; with a single Dockerfile any
 * probed container running something other than a stock infrastructure image is taken to be it.
 */
export function probedByKubernetes(df: DockerfileInfo, all: readonly DockerfileInfo[], k8s: K8sFacts): boolean {
  const probed: string[] = [];
  for (const w of k8s.workloads) {
    for (const c of w.containers) {
      if (c.image && (c.value.livenessProbe || c.value.readinessProbe)) probed.push(parseImageRef(c.image).repository);
    }
  }
  const textProbes = k8s.textTemplates.some((t) => /^\s*(livenessProbe|readinessProbe):/m.test(t.text));
  const base = df.path.slice(df.path.lastIndexOf('/') + 1);
  const names = [df.dir.slice(df.dir.lastIndexOf('/') + 1), /^(?:Dockerfile|Containerfile)\.(.+)$/i.exec(base)?.[1] ?? '', /^(.+)\.(?:docker|container)file$/i.exec(base)?.[1] ?? '']
    .map((n) => n.toLowerCase())
    .filter((n) => !GENERIC_DIRS.has(n));
  const last = (repo: string) => repo.slice(repo.lastIndexOf('/') + 1);
  if (probed.some((r) => names.some((n) => last(r) === n || last(r).endsWith(`-${n}`)))) return true;
  return all.length === 1 && (probed.some((r) => r.includes('/') || !INFRA_IMAGES.has(r)) || textProbes);
}
