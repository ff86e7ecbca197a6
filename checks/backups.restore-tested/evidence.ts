/**
 * Restore evidence: jobs that restore (CI or scheduled), repository scripts that restore, and
 * documents whose restore section carries the commands. Commands are classified by the shared
 * schedule classifiers; raw lines are also read for `psql < dump.sql`, which argv splitting loses.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { allJobs, type CiFacts, type Command } from '../../src/facts/ci/index.js';
import type { CodeIndex } from '../../src/facts/code/index.js';
import { documentsFact, readDocument } from '../../src/facts/documents.js';
import { commandsInCode, expandUnits, isRestoreCommand, isRestoreLine } from '../../src/facts/schedules/classify.js';
import { contentOf, type JobCandidate, type ScheduledJob } from '../../src/facts/schedules/index.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';
import { splitShell, unwrap } from '../../src/facts/ci/shell.js';

export interface Evidence {
  file: string;
  line: number;
  what: string;
}

async function restoreIn(repo: RepoContext, index: CodeIndex, job: Pick<JobCandidate, 'commands' | 'code'>): Promise<Evidence | null> {
  const c = job.commands.find((x) => isRestoreCommand(x.argv));
  if (c) return { file: c.file, line: c.line, what: c.argv.slice(0, 3).join(' ') };
  for (const cmd of job.commands) {
    const line = await rawLine(repo, cmd);
    if (line && isRestoreLine(line)) return { file: cmd.file, line: cmd.line, what: line.trim().slice(0, 80) };
  }
  for (const unit of expandUnits(index, job.code)) {
    const hit = commandsInCode(unit).find((x) => isRestoreCommand(x.argv));
    if (hit) return { file: unit.file.path, line: hit.node.range().start.line + 1, what: hit.argv.slice(0, 3).join(' ') };
  }
  return null;
}

async function rawLine(repo: RepoContext, c: Command): Promise<string | null> {
  const text = await repo.text(c.file);
  return text?.split('\n')[c.line - 1] ?? null;
}

/** CI jobs (any trigger but a manual one) and scheduled jobs that run a restore. */
export async function exercisedRestores(repo: RepoContext, index: CodeIndex, ci: CiFacts, jobs: readonly ScheduledJob[]): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const { job } of allJobs(ci)) {
    if (job.manual) continue;
    for (const step of job.steps) {
      const content = step.script ? await contentOf(repo, index, step.script, { cwd: step.cwd }) : { commands: step.commands, code: [] };
      const hit = await restoreIn(repo, index, content);
      if (hit) out.push({ ...hit, what: `CI job ${job.id} runs ${hit.what}` });
    }
  }
  for (const job of jobs) {
    const hit = await restoreIn(repo, index, job);
    if (hit) out.push({ ...hit, what: `${job.kind} ${job.name ?? ''} runs ${hit.what}`.replace(/\s+/g, ' ') });
  }
  return out;
}

export async function restoreScripts(repo: RepoContext, index: CodeIndex, scripts: readonly JobCandidate[]): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const s of scripts) {
    const hit = await restoreIn(repo, index, s);
    if (hit) out.push({ ...hit, what: `${s.file} (${hit.what})` });
  }
  return out;
}

const RESTORE_HEADING = /\b(restor\w*|recover\w*|disaster|point[- ]in[- ]time|pitr)\b/i;

/** Documents with a restore/recovery section whose body holds restore commands (code blocks or inline). */
export async function restoreDocs(repo: RepoContext): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const path of await repo.fact(documentsFact)) {
    if (isTestDataPath(path)) continue;
    const text = await repo.text(path);
    if (!text || !/restor|recover/i.test(text)) continue;
    const doc = await readDocument(repo, path);
    for (const s of doc?.sections ?? []) {
      if (!RESTORE_HEADING.test(s.heading) && !(s.depth === 0 && RESTORE_HEADING.test(path))) continue;
      const commandLine = s.body.split('\n').findIndex((l) => {
        const cmd = l.replace(/^\s*(\$|#|>)\s+/, '').replace(/`/g, ' ');
        return isRestoreLine(cmd) || splitShell(cmd).some((c) => unwrap(c.argv).some(isRestoreCommand));
      });
      if (commandLine >= 0) {
        out.push({ file: path, line: s.line, what: `"${s.heading || path}" gives the restore commands` });
        break;
      }
    }
  }
  return out;
}
