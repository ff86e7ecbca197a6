/**
 * A connection pooler in front of the database — PgBouncer (or Odyssey/pgcat/RDS Proxy-style
 * poolers): an image in Compose or Kubernetes, a CloudNativePG `Pooler`, a `pgbouncer.ini`, or a
 * production database URL that points at one (port 6432, a `pgbouncer` host, Prisma's
 * `pgbouncer=true`). With one, the database's connection count is bounded there.
 */
import { defineFact } from '../../context/repo-context.js';
import { isTestPath, isVendoredPath } from '../code/sources.js';
import { deployEnvFact } from '../deploy-env.js';
import { k8sFact } from '../k8s/index.js';
import { isTestDataPath } from '../test-data-paths.js';

export interface PoolerEvidence {
  file: string;
  line: number;
  via: string;
}

const IMAGE = /(^|[/:])(pgbouncer|odyssey|pgcat|pgpool[\w-]*)([:@\s"']|$)/i;
const URL_VARS = /^(DATABASE_URL|DB_URL|POSTGRES_URL|SQLALCHEMY_DATABASE_URI|DATABASE_URI|PG_URL|PGBOUNCER_URL)$/;

export function urlUsesPooler(url: string): boolean {
  return /:6432(\/|\?|$)|[@/]pgbouncer[\w.-]*[:/]|[?&]pgbouncer=true/i.test(url);
}

export const poolerFact = defineFact<PoolerEvidence | null>('db:pooler', async (repo) => {
  for (const f of repo.glob(['**/pgbouncer.ini', '**/pgbouncer/*.ini', '**/pgcat.toml', '**/odyssey.conf'])) {
    if (!isTestDataPath(f.path) && !isTestPath(f.path)) return { file: f.path, line: 1, via: `${f.path}` };
  }
  const k8s = await repo.fact(k8sFact);
  for (const o of k8s.objects) if (o.kind === 'Pooler' && /cnpg|postgresql\.cnpg\.io/.test(o.apiVersion)) return { file: o.file, line: o.line, via: `CloudNativePG Pooler ${o.name ?? ''}`.trim() };
  for (const w of k8s.workloads) {
    for (const c of w.containers) {
      if (c.image && IMAGE.test(c.image)) {
        const at = w.object.locate([...c.path, 'image']);
        return { file: at.file, line: at.line, via: `container image ${c.image}` };
      }
    }
  }
  for (const f of repo.glob(['**/docker-compose*.y*ml', '**/compose*.y*ml'], { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path) || isTestDataPath(f.path)) continue;
    const lines = (await repo.text(f.path))?.split('\n') ?? [];
    const i = lines.findIndex((l) => l.length < 1000 && /^\s*image:\s*/.test(l) && IMAGE.test(l.replace(/^\s*image:\s*/, '')));
    if (i >= 0) return { file: f.path, line: i + 1, via: `compose image ${lines[i].replace(/^\s*image:\s*/, '').trim()}` };
  }
  const env = await repo.fact(deployEnvFact);
  const url = env.settings.find((s) => !s.dev && URL_VARS.test(s.name) && s.value && urlUsesPooler(s.value));
  return url ? { file: url.file, line: url.line, via: `${url.name} points at a pooler` } : null;
});
