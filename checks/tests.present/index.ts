/**
 * tests.present: automated tests exist and CI runs them. Test cases are counted from structure per
 * ecosystem; "CI runs them" reuses ci.pipeline's reading of what a CI step does (test runners,
 * npm/make scripts resolved), on jobs that run by themselves.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { allJobs, ciFact, runsOnPullRequest, runsOnPush } from '../../src/facts/ci/index.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { jobTests } from '../ci.pipeline/evidence.js';
import { testSuites } from './suites.js';

const CODE = /\.(py|[cm]?[jt]sx?|go|java|kt|rb|rs)$/;

export default defineCheck({
  meta: {
    id: 'tests.present',
    title: 'Automated tests exist and CI runs them',
    category: 'testing',
    severity: 'high',
    description: 'Automated tests exist (pytest, unittest, Django, vitest/Jest/Mocha, go test …) and a CI job runs them.',
  },
  async applies({ repo }) {
    const index = await repo.fact(codeIndexFact);
    return index.files.length > 0 || repo.files.some((f) => CODE.test(f.path)) || { applies: false, reason: 'no source code' };
  },
  async run({ repo }) {
    const suites = await testSuites(repo);
    const ci = await repo.fact(ciFact);
    const runs = [...allJobs(ci)].flatMap(({ job }) => (job.allowFailure ? [] : jobTests(job).map((e) => ({ job, e }))));
    const notes = suites.map((s) => `${s.framework}: ${s.cases} test(s) in ${s.files} file(s), e.g. ${s.first.file}:${s.first.line}`);
    if (!suites.length) {
      const finding: Finding = runs.length
        ? { id: 'no-tests', message: `CI runs ${runs[0].e.what}, but the repository has no test cases`, file: runs[0].e.file, line: runs[0].e.line, hint: 'write tests for the critical paths (auth, data access, the main API routes) so the CI step tests something' }
        : { id: 'no-tests', message: 'no automated tests found', hint: 'add a test suite (pytest, vitest/Jest, go test) covering the critical paths, and run it in CI on every push and pull request' };
      return { score: 0, findings: [finding], notes };
    }
    const automatic = runs.find(({ job }) => runsOnPush(job) || runsOnPullRequest(job));
    if (automatic) return { score: 1, findings: [], notes: [...notes, `CI: ${automatic.job.file} job ${automatic.job.id} runs ${automatic.e.what}`] };
    if (runs.length) {
      const r = runs[0];
      return { score: 0.7, findings: [{ id: 'tests-not-on-push-or-pr', message: `tests run in CI (${r.e.what}) only on a schedule or by hand`, file: r.job.file, line: r.job.line, hint: 'run the test job on every push and pull request' }], notes };
    }
    return { score: 0.5, findings: [{ id: 'tests-not-in-ci', message: `${suites.map((s) => s.framework).join(', ')} tests exist but no CI job runs them`, file: suites[0].first.file, line: suites[0].first.line, hint: 'add a CI workflow that installs dependencies and runs the tests on push and pull request' }], notes };
  },
});
