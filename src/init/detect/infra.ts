/**
 * What surrounds the application: the CI system already in use, the Kubernetes layout (plain
 * manifests, kustomize, Helm) and the app's workloads in it, platform deploy files, Dockerfiles,
 * and the databases and caches the app talks to — all from the shared facts the checks use.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { ciFact } from '../../facts/ci/index.js';
import { k8sFact, asRecord } from '../../facts/k8s/index.js';
import { databasesFact } from '../../facts/databases.js';
import { dockerfilesFact, parseImageRef } from '../../facts/dockerfiles.js';
import { manifestsFact } from '../../facts/deps/collect.js';
import { composeFilesFact } from '../../facts/compose.js';
import { yamlParser, yamlValues } from '../../context/parsers/yaml.js';
import { isTestPath } from '../../facts/code/index.js';
import type { Detected, Stack } from '../model.js';

const PLATFORM_FILES = ['fly.toml', 'Procfile', 'app.yaml', 'app.json', 'render.yaml', 'vercel.json', 'netlify.toml', 'serverless.yml', 'serverless.yaml', 'railway.json', 'railway.toml', 'heroku.yml', 'zeabur.json'];
/** Infrastructure images a manifest runs beside the app; never the app itself. */
const INFRA_IMAGE = /(^|\/)(postgres|postgis|mysql|mariadb|mongo|redis|memcached|rabbitmq|nginx|envoy|busybox|alpine|elasticsearch|kafka|zookeeper|minio|prometheus|grafana)(:|@|$)/;

const CACHE_PACKAGES: Record<string, 'redis' | 'memcached'> = {
  redis: 'redis', 'redis-py-cluster': 'redis', aioredis: 'redis', 'django-redis': 'redis', 'flask-caching': 'redis', rq: 'redis', ioredis: 'redis',
  '@socket.io/redis-adapter': 'redis', 'socket.io-redis': 'redis', bullmq: 'redis', bull: 'redis', 'cache-manager-redis-store': 'redis', '@keyv/redis': 'redis',
  pymemcache: 'memcached', 'python-memcached': 'memcached', pylibmc: 'memcached', memjs: 'memcached', memcached: 'memcached',
};

type Infra = Pick<Stack, 'databases' | 'caches' | 'ci' | 'k8s' | 'platforms' | 'dockerfiles'>;

export async function detectInfra(repo: RepoContext): Promise<Infra> {
  const ci = await repo.fact(ciFact);
  const systems = [...new Set(ci.files.map((f) => f.system))];
  const dockerfiles = (await repo.fact(dockerfilesFact)).map((d) => d.path).filter((p) => !p.startsWith('.devcontainer/'));
  const platforms = PLATFORM_FILES.filter((f) => repo.has(f));
  return { ci: { systems, files: ci.files.map((f) => f.path) }, k8s: await detectK8s(repo), platforms, dockerfiles, databases: await detectDatabases(repo), caches: await detectCaches(repo) };
}

async function detectK8s(repo: RepoContext): Promise<Stack['k8s']> {
  const k8s = await repo.fact(k8sFact);
  const workloads: Stack['k8s']['workloads'] = [];
  for (const w of k8s.workloads) {
    if (w.class !== 'replicated' || !w.object.name) continue;
    const app = w.containers.filter((c) => !c.image || !INFRA_IMAGE.test(c.image));
    if (app.length === 0) continue;
    const ports = app.flatMap((c) => (Array.isArray(c.value.ports) ? c.value.ports : []).map((p) => asRecord(p)?.containerPort)).filter((p): p is number => typeof p === 'number');
    const images = app.map((c) => (c.image ? parseImageRef(c.image) : null)).filter((i) => i !== null).map((i) => (i.registry ? `${i.registry}/${i.repository}` : i.repository));
    const envSecrets = app.flatMap((c) => (Array.isArray(c.value.envFrom) ? c.value.envFrom : []).map((e) => asRecord(asRecord(e)?.secretRef)?.name)).filter((n): n is string => typeof n === 'string');
    workloads.push({ file: w.object.file, name: w.object.name, namespace: w.object.namespace, labels: w.podLabels, ports, containers: app.map((c) => c.name), images, envSecrets });
  }
  const helm = k8s.charts[0];
  if (helm) return { layout: 'helm', dir: helm.dir || '.', workloads };
  const first = workloads[0]?.file ?? k8s.objects[0]?.file;
  if (!first) return { layout: 'none', dir: null, workloads };
  const dir = first.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '.';
  const kustomized = k8s.kustomizations.some((k) => k.resourceFiles.includes(first) || k.dir === dir);
  return { layout: kustomized ? 'kustomize' : 'plain', dir, workloads };
}

async function detectDatabases(repo: RepoContext): Promise<Stack['databases']> {
  const out = new Map<string, Detected<Stack['databases'][number]['value']>>();
  const evidence = await repo.fact(databasesFact);
  // a specific engine beats the generic "sql" an ORM implies
  for (const e of [...evidence].sort((a, b) => Number(a.engine === 'sql') - Number(b.engine === 'sql'))) {
    if (e.engine === 'sql' && out.size > 0) continue;
    if (!out.has(e.engine)) out.set(e.engine, { value: e.engine, from: `${e.file}:${e.line} (${e.via})` });
  }
  return [...out.values()];
}

async function detectCaches(repo: RepoContext): Promise<Stack['caches']> {
  const out = new Map<string, Detected<'redis' | 'memcached'>>();
  for (const d of (await repo.fact(manifestsFact)).declared) {
    const kind = CACHE_PACKAGES[d.name.toLowerCase().replace(/_/g, '-')];
    if (kind && !isTestPath(d.file) && !out.has(kind)) out.set(kind, { value: kind, from: `${d.file}:${d.line} (${d.name})` });
  }
  for (const cf of await repo.fact(composeFilesFact)) {
    const parsed = await repo.parse(cf.path, yamlParser);
    const services = asRecord(asRecord(parsed ? yamlValues(parsed)[0] : null)?.services) ?? {};
    for (const [name, svc] of Object.entries(services)) {
      const image = String(asRecord(svc)?.image ?? '');
      const kind = /(^|\/)redis(:|@|$)/.test(image) ? 'redis' : /(^|\/)memcached(:|@|$)/.test(image) ? 'memcached' : null;
      if (kind && !out.has(kind)) out.set(kind, { value: kind, from: `${cf.path} service ${name}` });
    }
  }
  return [...out.values()];
}
