/**
 * privacy.retention: a data-retention policy says how long personal data is kept, and something
 * enforces it — a scheduled job that deletes or anonymises old rows, or storage that expires rows
 * by itself. The policy alone, or a purge script nothing runs, is partial credit.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { databasesFact } from '../../src/facts/databases.js';
import { documentsFact, readDocument } from '../../src/facts/documents.js';
import { schedulesFact } from '../../src/facts/schedules/index.js';
import { terraformFact } from '../../src/facts/terraform.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';
import { scheduledPurges, storageTtl, unscheduledPurges } from './enforcement.js';

const HEADING = /retention|retain|how long|storage (period|limitation)|data lifecycle|deletion (policy|schedule)/i;
const PRIVACY_DOC = /privacy|data[-_ ]?protection|gdpr|retention/i;
const KEPT = /\b(kept|keep|retain\w*|retention|deleted|erased|purged|expire[sd]?|stored for|how long)\b/i;
const DURATION = /\b\d+\s*(days?|weeks?|months?|years?|hours?)\b|\b(one|two|three|six|twelve|thirty|ninety)\s+(days?|weeks?|months?|years?)\b/i;

export default defineCheck({
  meta: {
    id: 'privacy.retention',
    title: 'Data retention is defined and enforced',
    category: 'privacy',
    severity: 'medium',
    description: 'A data-retention policy exists and something enforces it (a scheduled delete/anonymise job, TTL index, cron, k8s CronJob).',
  },
  async applies({ repo }) {
    return (await repo.fact(databasesFact)).length > 0 || { applies: false, reason: 'no database found: no stored data to retain' };
  },
  async run({ repo }) {
    const [index, schedules, tf] = await Promise.all([repo.fact(codeIndexFact), repo.fact(schedulesFact), repo.fact(terraformFact)]);
    const policy = await retentionPolicy(repo);
    const enforced = [...scheduledPurges(index, schedules.jobs), ...(await storageTtl(repo, index, tf))];
    const unscheduled = enforced.length ? [] : unscheduledPurges(index, schedules.scripts, schedules.jobs);
    const notes: string[] = [];
    const findings: Finding[] = [];
    let score = 0;
    if (policy) {
      score += 0.4;
      notes.push(`retention policy: ${policy.file}:${policy.line}`);
    } else {
      findings.push({ id: 'no-retention-policy', message: 'no document says how long personal data is kept', hint: 'add a "Data retention" section to the privacy policy: each kind of data, how long it is kept, and how it is deleted' });
    }
    if (enforced.length) {
      score += 0.6;
      notes.push(`enforced by ${enforced[0].what} at ${enforced[0].file}:${enforced[0].line}`);
    } else if (unscheduled.length) {
      score += 0.3;
      findings.push({ id: 'purge-not-scheduled', message: `${unscheduled[0].what} deletes old data, but nothing schedules it`, file: unscheduled[0].file, line: unscheduled[0].line, hint: 'run it from a CronJob, crontab, Celery beat or another scheduler' });
    } else {
      findings.push({ id: 'retention-not-enforced', message: 'nothing deletes or anonymises data past its retention period', hint: 'schedule a job that deletes (or anonymises) rows older than the policy allows, or use TTL indexes / bucket lifecycle rules' });
    }
    return { score, findings, notes };
  },
});

async function retentionPolicy(repo: Parameters<typeof readDocument>[0]): Promise<{ file: string; line: number } | null> {
  for (const path of await repo.fact(documentsFact)) {
    if (isTestDataPath(path)) continue;
    const text = await repo.text(path);
    if (!text || !/retain|retention|kept for|keep\w* (it|them|data)? ?for/i.test(text)) continue;
    const doc = await readDocument(repo, path);
    for (const s of doc?.sections ?? []) {
      if ((HEADING.test(s.heading) || (s.depth <= 1 && /retention/i.test(path))) && s.hasContent && DURATION.test(s.body)) return { file: path, line: s.line };
    }
    // A privacy document may state periods per kind of data, e.g. a table with a "kept" column.
    if (!doc || !(PRIVACY_DOC.test(path) || PRIVACY_DOC.test(doc.title ?? ''))) continue;
    for (const s of doc.sections) {
      const line = s.body.split('\n').find((l) => l.length < 2000 && KEPT.test(l) && DURATION.test(l));
      if (line) return { file: path, line: s.line };
      const header = s.body.split('\n').find((l) => /^\s*\|/.test(l));
      if (header && KEPT.test(header) && s.body.split('\n').some((l) => /^\s*\|/.test(l) && DURATION.test(l))) return { file: path, line: s.line };
    }
  }
  return null;
}
