/**
 * What enforces retention: scheduled jobs that delete or anonymise rows past a cut-off (SQL, ORM
 * deletes with a less-than filter, anonymise/purge functions, pg_cron), and storage that expires
 * data by itself (MongoDB TTL indexes, Mongoose `expires`, DynamoDB TTL, S3 lifecycle expiration,
 * TimescaleDB retention policies, ClickHouse TTL).
 */
import type { SgNode } from '@ast-grep/napi';
import type { RepoContext } from '../../src/context/repo-context.js';
import { findKinds, lineOf, shortText, type CodeIndex } from '../../src/facts/code/index.js';
import { expandUnits, isSqlPurge, purgeEvidence } from '../../src/facts/schedules/classify.js';
import type { JobCandidate, ScheduledJob } from '../../src/facts/schedules/index.js';
import { walkBlocks, type TfBlock } from '../../src/facts/terraform.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

export interface Enforcement {
  what: string;
  file: string;
  line: number;
}

/** Purges a job runs: SQL in its commands (`psql -c "DELETE …"`), pg_cron bodies, code it calls. */
export function purgeIn(index: CodeIndex, job: Pick<ScheduledJob, 'commands' | 'code'> & { sql?: string[] }): Enforcement | null {
  for (const c of job.commands) if (c.argv.some((a) => isSqlPurge(a))) return { what: `${c.argv[0]} deleting old rows`, file: c.file, line: c.line };
  if (job.sql?.some(isSqlPurge)) return { what: 'pg_cron delete of old rows', file: '', line: 0 };
  for (const unit of expandUnits(index, job.code)) {
    const hit = purgeEvidence(unit)[0];
    if (hit) return { what: hit.what, file: unit.file.path, line: lineOf(hit.node) };
  }
  return null;
}

export function scheduledPurges(index: CodeIndex, jobs: readonly ScheduledJob[]): Enforcement[] {
  const out: Enforcement[] = [];
  for (const job of jobs) {
    const hit = purgeIn(index, job);
    if (hit) out.push({ what: `${job.kind}${job.name ? ` ${job.name}` : ''}${job.schedule ? ` (${job.schedule})` : ''}: ${hit.what}`, file: job.file, line: job.line });
  }
  return out;
}

export function unscheduledPurges(index: CodeIndex, scripts: readonly JobCandidate[], jobs: readonly ScheduledJob[]): Enforcement[] {
  const scheduled = new Set(jobs.flatMap((j) => [...j.commands.map((c) => c.file), ...j.code.map((u) => u.file.path)]));
  const out: Enforcement[] = [];
  for (const s of scripts) {
    if (scheduled.has(s.file)) continue;
    const hit = purgeIn(index, s);
    if (hit) out.push({ what: `${s.file}: ${hit.what}`, file: hit.file || s.file, line: hit.line || 1 });
  }
  return out;
}

/** Data stores that expire rows themselves. */
export async function storageTtl(repo: RepoContext, index: CodeIndex, tf: readonly TfBlock[]): Promise<Enforcement[]> {
  const out: Enforcement[] = [];
  for (const f of index.files) {
    for (const n of findKinds(f, ['keyword_argument', 'pair'])) {
      const key = (n.field('name') ?? n.field('key'))?.text().replace(/['"]/g, '');
      if (key === 'expireAfterSeconds' || (key === 'expires' && f.lang !== 'python' && insideSchema(n))) {
        out.push({ what: `TTL index (${key})`, file: f.path, line: lineOf(n) });
        break;
      }
    }
  }
  for (const b of tf) {
    if (b.type !== 'resource') continue;
    const type = b.labels[0] ?? '';
    const blocks = [...walkBlocks(b.blocks)];
    if (type === 'aws_dynamodb_table' && blocks.some((x) => x.type === 'ttl' && x.attrs.get('enabled')?.value === 'true')) out.push({ what: `DynamoDB TTL on ${b.labels[1]}`, file: b.file, line: b.line });
    if (/^aws_s3_bucket(_lifecycle_configuration)?$/.test(type) && blocks.some((x) => x.type === 'expiration' || x.type === 'noncurrent_version_expiration')) out.push({ what: `S3 lifecycle expiration on ${b.labels[1]}`, file: b.file, line: b.line });
  }
  for (const f of repo.glob('**/*.sql')) {
    if (isTestDataPath(f.path)) continue;
    const text = await repo.text(f.path);
    if (!text) continue;
    const lines = text.split('\n');
    const i = lines.findIndex((l) => !/^\s*--/.test(l) && (/\badd_retention_policy\s*\(/i.test(l) || /^\s*TTL\s+\w+\s*\+\s*INTERVAL/i.test(l)));
    if (i >= 0) out.push({ what: 'database retention policy / TTL', file: f.path, line: i + 1 });
  }
  return out;
}

/** Mongoose: `expires` counts inside `new Schema({...})` or an `index()` call's options. */
function insideSchema(node: SgNode): boolean {
  let p = node.parent();
  for (let i = 0; p && i < 8; i++, p = p.parent()) {
    const callee = p.field('constructor') ?? (p.kind() === 'call_expression' ? p.field('function') : null);
    if (callee && /(^|\.)(Schema|index|createIndex)$/.test(shortText(callee, 120) ?? '')) return true;
  }
  return false;
}
