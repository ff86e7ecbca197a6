/**
 * `mina report [path]`: the readiness roadmap (Markdown, or the HTML page with the roadmap in it)
 * from the last `mina check` of the target when it is recent — same mina version, same rubric, same
 * commit, younger than `--max-age` — otherwise from a fresh run, which is recorded like any check.
 */
import path from 'node:path';
import { loadSetup } from '../engine/load-setup.js';
import { readHeadCommit } from '../context/git-head.js';
import { runCheck } from './check.js';
import { atomicWrite } from '../io/atomic-write.js';
import { VERSION } from '../package-root.js';
import type { Report } from '../report/report-model.js';
import { withCheckDocs } from '../report/check-docs.js';
import { formatHtml } from '../report/html/page.js';
import { buildRoadmap } from '../report/roadmap/build-roadmap.js';
import { formatRoadmapMarkdown } from '../report/roadmap/roadmap-markdown.js';
import { loadLastReport, LAST_REPORT_FILE } from '../history/last-report.js';
import { readHistory } from '../history/history-file.js';
import { latestDrill, latestLoad } from '../history/lifecycle-records.js';
import { recordRun } from '../history/record-run.js';

export interface ReportFlags {
  format: 'markdown' | 'html';
  output?: string;
  rubric?: string;
  plugins?: boolean;
  /** Minutes a saved result stays usable. */
  maxAge: number;
  fresh?: boolean;
  recordHistory?: boolean;
  offline?: boolean;
  advisoryDb?: string;
  url?: string;
  databaseUrl?: string;
}

export { DEFAULT_MAX_AGE_MINUTES } from './report-defaults.js';

export async function reportAction(target: string, flags: ReportFlags): Promise<number> {
  const root = path.resolve(target);
  const { plan } = await loadSetup(root, { rubric: flags.rubric, plugins: flags.plugins });
  const live = flags.url !== undefined || flags.databaseUrl !== undefined;
  let report = flags.fresh || live ? null : await loadLastReport(root);
  const stale = report && staleness(report, { root, rubric: plan.rubric, maxAgeMinutes: flags.maxAge, commit: await readHeadCommit(root) });
  const warnings: string[] = [];
  if (report && !stale) {
    process.stderr.write(`mina: using the result of ${report.generatedAt} from ${LAST_REPORT_FILE}\n`);
  } else {
    const why = flags.fresh ? '--fresh' : live ? 'live options given' : stale ? `the saved result is ${stale}` : 'no saved result';
    process.stderr.write(`mina: running the checks (${why})\n`);
    report = await runCheck(root, {
      rubric: flags.rubric,
      url: flags.url,
      plugins: flags.plugins,
      settings: { offline: flags.offline, advisoryDb: flags.advisoryDb, databaseUrl: flags.databaseUrl },
    });
    warnings.push(...(await recordRun(report, flags.recordHistory)));
  }
  const history = await readHistory(root);
  warnings.push(...history.warnings);
  for (const w of warnings) process.stderr.write(`mina: warning: ${w}\n`);

  const full = await withCheckDocs(report!);
  const roadmap = buildRoadmap({ report: full, levels: plan.rubric.levels, history: history.records, drill: await latestDrill(root), load: await latestLoad(root) });
  const text = flags.format === 'html' ? formatHtml(full, { history: history.records, roadmap }) : formatRoadmapMarkdown(roadmap);
  if (flags.output) {
    await atomicWrite(flags.output, text);
    process.stderr.write(`mina: roadmap written to ${flags.output} (score ${full.score.toFixed(1)}/100)\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

interface Freshness {
  root: string;
  rubric: { name: string; version: number };
  maxAgeMinutes: number;
  commit: string | null;
}

/** Why a saved report no longer describes the target, or null when it still does. */
export function staleness(report: Report, now: Freshness, clock = Date.now()): string | null {
  if (report.tool.version !== VERSION) return `from mina ${report.tool.version}`;
  if (path.resolve(report.target.path) !== now.root) return 'from another path';
  if (report.rubric.name !== now.rubric.name || report.rubric.version !== now.rubric.version) return `for rubric ${report.rubric.name} v${report.rubric.version}`;
  if (report.target.commit !== now.commit) return 'for another commit';
  const ageMinutes = (clock - Date.parse(report.generatedAt)) / 60_000;
  if (!(ageMinutes >= 0 && ageMinutes <= now.maxAgeMinutes)) return `older than ${now.maxAgeMinutes} minutes`;
  return null;
}
