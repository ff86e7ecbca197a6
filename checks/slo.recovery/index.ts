/**
 * slo.recovery: what a disaster-recovery document can only promise, measured. The latest recorded
 * `mina service drill` (`.mina/drills/<time>.json`) must have restored every row committed before the
 * backup (RPO 0), answered correctly again, and done it within the RTO budget — recently.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { latestDrill } from '../../src/history/lifecycle-records.js';

interface Options {
  rtoBudgetMs: number;
  maxAgeDays: number;
}

const DAY_MS = 24 * 3600 * 1000;

export default defineCheck<Options>({
  meta: {
    id: 'slo.recovery',
    title: 'Recovery measured by a drill: no committed data lost, within the RTO budget',
    category: 'slo',
    severity: 'high',
    description: 'The last disaster-recovery drill restored all data committed before the backup within the RTO budget.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        rtoBudgetMs: { type: 'integer', minimum: 1, default: 4 * 3600 * 1000, description: 'Recovery time objective: kill to ready (default 4 h).' },
        maxAgeDays: { type: 'integer', minimum: 1, maximum: 3650, default: 30, description: 'A drill older than this no longer counts as evidence.' },
      },
    },
  },
  async applies({ repo }) {
    return (await latestDrill(repo.root)) !== null || { applies: false, reason: 'no drill recorded (run `mina service drill`)' };
  },
  async run({ repo, options }) {
    const drill = (await latestDrill(repo.root))!;
    const findings: Finding[] = [];
    const where = { file: drill.file, line: 1 };
    const notes = [`drill of ${drill.startedAt} (${drill.mode}): ${drill.rowsRestored}/${drill.rowsCommitted} committed rows restored, RTO ${seconds(drill.rtoMs)}`];
    let score = 1;
    if (drill.rowsLost > 0) {
      score = 0;
      findings.push({ id: 'rows-lost', ...where, message: `the drill lost ${drill.rowsLost} of ${drill.rowsCommitted} rows committed before the backup (RPO must be 0)`, hint: 'make the backup consistent (a snapshot or pg_dump in one transaction) and restore all of it; rerun `mina service drill`' });
    }
    if (!drill.verified) {
      score = 0;
      findings.push({ id: 'not-verified', ...where, message: 'after the restore the service did not answer correctly', hint: 'read the drill record and the service logs (`mina service logs`), fix the restore, rerun the drill' });
    }
    if (drill.rtoMs > options.rtoBudgetMs) {
      score = Math.min(score, 0.5);
      findings.push({ id: 'rto-over-budget', ...where, message: `recovery took ${seconds(drill.rtoMs)}, over the ${seconds(options.rtoBudgetMs)} budget`, hint: 'speed up the restore (smaller dumps, parallel restore, warm standby) or agree a larger budget in the rubric (slo.recovery rtoBudgetMs)' });
    }
    const ageDays = (Date.now() - Date.parse(drill.startedAt)) / DAY_MS;
    if (ageDays > options.maxAgeDays) {
      score = Math.min(score, 0.5);
      findings.push({ id: 'stale-drill', ...where, severity: 'medium', message: `the last drill is ${Math.floor(ageDays)} days old (limit ${options.maxAgeDays})`, hint: 'run `mina service drill` regularly, e.g. from a scheduled CI job' });
    }
    return { score, findings, notes };
  },
});

function seconds(ms: number): string {
  return ms >= 3600_000 ? `${(ms / 3600_000).toFixed(1)} h` : `${(ms / 1000).toFixed(1)} s`;
}
