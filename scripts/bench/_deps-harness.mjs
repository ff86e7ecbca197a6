// Shared by the deps benchmark and evaluation: where the PyPA snapshot is, and running the built
// deps.vulnerabilities check on a directory the way `mina check` does (one walk, one RepoContext).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PYPA_DB = path.join(ROOT, '..', 'shared', 'data', 'osv-pypi');
const DIST = path.join(ROOT, 'dist');

/** Exits 0 with a message when the shared snapshot is not there (a user's clone has no ../shared). */
export function requireSharedDb(script) {
  if (!existsSync(path.join(PYPA_DB, 'vulns'))) {
    console.log(`${script}: skipped — ${PYPA_DB} is absent (the PyPA advisory snapshot lives in ../shared/data)`);
    process.exit(0);
  }
  if (!existsSync(path.join(DIST, 'checks', 'deps.vulnerabilities', 'index.js'))) {
    console.error(`${script}: dist/ has no deps.vulnerabilities — run npm run build first`);
    process.exit(1);
  }
}

export async function loadDist() {
  const imp = (p) => import(path.join(DIST, p));
  const [check, ctx, walk, runner, source, records, affected, dbImport] = await Promise.all([
    imp('checks/deps.vulnerabilities/index.js'),
    imp('src/context/repo-context.js'),
    imp('src/context/walk.js'),
    imp('src/engine/run-checks.js'),
    imp('src/advisories/advisory-source.js'),
    imp('src/advisories/record-files.js'),
    imp('src/advisories/affected.js'),
    imp('src/advisories/db-import.js'),
  ]);
  const settings = { offline: true, advisoryDb: PYPA_DB, databaseUrl: null, history: false };
  const options = { minSeverity: 'high', unknownSeverity: 'high', maxAgeDays: 1e6, ignore: [] };
  return {
    openSource: () => source.openAdvisorySource(settings),
    parseRecordText: records.parseRecordText,
    matchRecord: affected.matchRecord,
    importAdvisoryCache: dbImport.importAdvisoryCache,
    /** One `mina check`-style run of the check over `dir`: walk, context, run. */
    async runCheck(dir, advisoryDb = PYPA_DB) {
      const repo = await ctx.RepoContext.create(dir, { ignore: walk.DEFAULT_IGNORES, maxFileSize: 8 * 1024 * 1024 });
      const planned = { check: check.default, id: 'deps.vulnerabilities', category: 'security', weight: 10, severity: 'critical', options, timeoutMs: 120_000, skipReason: null, readmePath: null };
      return runner.runOne(planned, repo, null, { ...settings, advisoryDb });
    },
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
