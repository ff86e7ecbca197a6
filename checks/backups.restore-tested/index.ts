/**
 * backups.restore-tested: restoring the database is a written, runnable procedure that is
 * exercised. Passes with a CI or scheduled job that restores (into a scratch database), a recent
 * verified `mina service drill`, or a restore script plus a document that gives the steps.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { ciFact } from '../../src/facts/ci/index.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { databasesFact } from '../../src/facts/databases.js';
import { schedulesFact } from '../../src/facts/schedules/index.js';
import { latestDrill, type DrillResult } from '../../src/history/lifecycle-records.js';
import { exercisedRestores, restoreDocs, restoreScripts } from './evidence.js';

interface Options {
  maxAgeDays: number;
}

const DAY = 24 * 3600 * 1000;

export default defineCheck<Options>({
  meta: {
    id: 'backups.restore-tested',
    title: 'Restores are documented and exercised',
    category: 'monitoring',
    severity: 'high',
    description: 'A restore procedure exists and is exercised: a job that restores into a scratch database, a recent verified `mina service drill`, or a restore script with its runbook.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxAgeDays: { type: 'integer', minimum: 1, maximum: 3650, default: 90 } },
    },
  },
  async applies({ repo }) {
    if ((await repo.fact(databasesFact)).length) return true;
    const drill = await latestDrill(repo.root);
    return drill !== null || { applies: false, reason: 'no database found, and no recorded drill' };
  },
  async run({ repo, options }) {
    const [index, ci, schedules] = await Promise.all([repo.fact(codeIndexFact), repo.fact(ciFact), repo.fact(schedulesFact)]);
    const notes: string[] = [];
    const findings: Finding[] = [];
    const drill = await latestDrill(repo.root);
    const drillScore = judgeDrill(drill, options.maxAgeDays, findings, notes);
    if (drillScore === 1) return { score: 1, findings: [], notes };
    const exercised = await exercisedRestores(repo, index, ci, schedules.jobs);
    if (exercised.length) {
      notes.push(`restore exercised: ${exercised[0].what} at ${exercised[0].file}:${exercised[0].line}`);
      return { score: 1, findings: [], notes };
    }
    const scripts = await restoreScripts(repo, index, schedules.scripts);
    const docs = await restoreDocs(repo);
    for (const e of [...scripts, ...docs].slice(0, 2)) notes.push(`${e.what} at ${e.file}:${e.line}`);
    if (scripts.length && docs.length) return { score: 1, findings, notes };
    let score = 0;
    if (scripts.length) {
      score = 0.5;
      findings.push({ id: 'restore-undocumented', message: `${scripts[0].what} restores, but no runbook gives the restore steps`, file: scripts[0].file, line: scripts[0].line, hint: 'write docs/runbooks/restore.md: where backups are, the exact commands, how to verify the data, and expected duration' });
    } else if (docs.length) {
      score = 0.5;
      findings.push({ id: 'restore-doc-only', message: `${docs[0].file} describes a restore, but no script or job runs one`, file: docs[0].file, line: docs[0].line, hint: 'script the restore and run it regularly into a scratch database (a scheduled CI job or CronJob), or record a drill with `mina service drill`' });
    } else if (!findings.length) {
      findings.push({ id: 'no-restore-procedure', message: 'no restore procedure: no restore job, script, runbook or recorded drill', hint: 'write a restore runbook and script, and exercise it: a scheduled job restoring the latest backup into a scratch database, or `mina service drill`' });
    }
    return { score: Math.max(score, drillScore), findings, notes };
  },
});

/** 1 for a verified drill within the age limit; 0.5 stale; 0.25 failed; 0 none. */
function judgeDrill(drill: DrillResult | null, maxAgeDays: number, findings: Finding[], notes: string[]): number {
  if (!drill) return 0;
  const ageDays = (Date.now() - Date.parse(drill.startedAt)) / DAY;
  const desc = `mina service drill of ${drill.startedAt.slice(0, 10)} (${drill.file})`;
  if (!drill.verified) {
    findings.push({ id: 'drill-failed', message: `${desc} did not verify: ${drill.rowsLost} committed row(s) lost or the service did not answer`, file: drill.file, hint: 'fix the restore path and run `mina service drill` again' });
    return 0.25;
  }
  if (ageDays > maxAgeDays) {
    findings.push({ id: 'drill-stale', message: `${desc} passed, but it is ${Math.floor(ageDays)} days old (limit ${maxAgeDays})`, file: drill.file, severity: 'medium', hint: 'run `mina service drill` again (schedule it in CI)' });
    return 0.5;
  }
  notes.push(`${desc} verified: RTO ${Math.round(drill.rtoMs / 1000)} s, ${drill.rowsLost} rows lost`);
  return 1;
}
