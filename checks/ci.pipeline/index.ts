/**
 * ci.pipeline: CI builds and tests the code on every push and every pull request. Decided from the
 * events each job really runs on and the commands its steps run — a workflow file that only
 * runs on `workflow_dispatch`, or that never runs a test, does not count.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { allJobs, ciFact, describeEvents, runsAutomatically, runsOnPullRequest, runsOnPush, type CiFacts, type CiJob, type CiPipeline } from '../../src/facts/ci/index.js';
import { jobTests, stepBuilds, type Evidence } from './evidence.js';

interface TestJob {
  pipeline: CiPipeline;
  job: CiJob;
  evidence: Evidence[];
}

export default defineCheck({
  meta: {
    id: 'ci.pipeline',
    title: 'CI builds and tests every push and pull request',
    category: 'infra',
    severity: 'high',
    description: 'A CI pipeline (GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Jenkins) builds and runs the tests on push and on pull requests.',
  },
  async run({ repo }) {
    const ci = await repo.fact(ciFact);
    const findings: Finding[] = ci.problems.map((p) => ({
      id: 'ci-file-invalid',
      message: `${p.file} ${p.message}; the CI system rejects or ignores it`,
      file: p.file,
      line: p.line,
      hint: 'fix the file so it parses (run it through the CI system\'s linter: actionlint, `gitlab-ci lint`, `circleci config validate`)',
    }));
    if (!ci.pipelines.length) {
      if (!findings.length) findings.push({ id: 'no-ci', message: 'no CI configuration found', hint: 'add .github/workflows/ci.yml that installs, builds and tests on `push` and `pull_request` (`mina init` scaffolds one)' });
      return { score: 0, findings };
    }
    const notes: string[] = [];
    const testJobs = collectTests(ci, notes);
    const strict = testJobs.filter((t) => !t.job.allowFailure);
    const onPush = strict.some((t) => runsOnPush(t.job));
    const onPr = strict.some((t) => runsOnPullRequest(t.job));
    let score: number;
    if (onPush && onPr) {
      score = 1;
      notes.push(`tests run on push and pull request: ${describe(strict.find((t) => runsOnPush(t.job) && runsOnPullRequest(t.job)) ?? strict[0])}`);
    } else if (onPush || onPr) {
      score = 0.6;
      const t = strict.find((x) => runsOnPush(x.job) || runsOnPullRequest(x.job))!;
      const at = triggerLine(t.pipeline, t.job);
      findings.push(
        onPush
          ? { id: 'tests-not-on-pull-request', message: `tests (${t.evidence[0].what}) run on push but not on pull requests: changes are tested only after they land`, file: t.job.file, line: at, severity: 'medium', hint: pullRequestHint(t.pipeline) }
          : { id: 'tests-not-on-push', message: `tests (${t.evidence[0].what}) run on pull requests but not on push: the default branch is never tested after a merge`, file: t.job.file, line: at, severity: 'medium', hint: 'also trigger on push to the default branch (e.g. `on: push: branches: [main]`)' },
      );
    } else if (testJobs.length) {
      score = 0.3;
      const t = strict[0] ?? testJobs[0];
      const allowed = !strict.length;
      findings.push({
        id: allowed ? 'tests-allowed-to-fail' : 'tests-not-on-push-or-pr',
        message: allowed
          ? `the tests in job \`${t.job.id}\` may fail without failing the pipeline`
          : `job \`${t.job.id}\` runs tests (${t.evidence[0].what}) ${describeEvents(t.job)}, not on push and pull request`,
        file: t.job.file,
        line: allowed ? t.job.line : triggerLine(t.pipeline, t.job),
        hint: allowed ? 'remove continue-on-error / allow_failure from the test job' : 'trigger the test job on push and pull_request, not only by hand or on a schedule',
      });
    } else {
      score = ci.pipelines.some((p) => p.jobs.some(runsAutomatically)) ? 0.2 : 0.1;
      const p = ci.pipelines.find((x) => x.jobs.some((j) => runsOnPush(j) || runsOnPullRequest(j))) ?? ci.pipelines[0];
      findings.push({ id: 'no-test-step', message: `CI is configured (${ci.pipelines.map((x) => x.file).join(', ')}) but no job runs tests`, file: p.file, line: p.line, hint: 'add a step that runs the test suite (npm test, pytest, go test …)' });
    }
    if (score === 1) {
      const builds = [...allJobs(ci)].some(({ job }) => (runsOnPush(job) || runsOnPullRequest(job)) && job.steps.some(stepBuilds));
      if (!builds) {
        score = 0.8;
        const t = strict[0];
        findings.push({ id: 'no-build-step', message: 'CI runs tests but never installs dependencies, compiles or builds an artifact on push/pull request', file: t.job.file, line: t.job.line, severity: 'low', hint: 'build what you ship in CI (npm ci && npm run build, docker build, mvn package …)' });
      }
    }
    // A broken CI file is a hole in CI even when another pipeline is fine.
    if (ci.problems.length && score === 1) score = 0.9;
    for (const p of ci.pipelines) if (p.assumption) notes.push(`${p.file}: ${p.assumption}`);
    return { score, findings, notes };
  },
});

function collectTests(ci: CiFacts, notes: string[]): TestJob[] {
  const out: TestJob[] = [];
  for (const { pipeline, job } of allJobs(ci)) {
    const evidence = jobTests(job);
    // A remote reusable workflow or an orb job named for tests is trusted by its name.
    if (!evidence.length && job.opaque && /(^|[^a-z])(tests?|ci|check)([^a-z]|$)/i.test(job.opaque.value)) {
      evidence.push({ file: job.opaque.file, line: job.opaque.line, what: job.opaque.value });
      notes.push(`${job.file}:${job.line}: tests delegated to ${job.opaque.value}, which was not read`);
    }
    if (evidence.length) out.push({ pipeline, job, evidence });
  }
  return out;
}

function describe(t: TestJob): string {
  return `${t.job.file} job \`${t.job.id}\` (${t.evidence[0].what})`;
}

/** Where triggers are written: GitHub's `on:` entries, else the job. */
function triggerLine(p: CiPipeline, job: CiJob): number {
  return p.system === 'github' && p.triggers.length && p.file === job.file ? p.triggers[0].line : job.line;
}

function pullRequestHint(p: CiPipeline): string {
  if (p.system === 'github') return 'add `pull_request:` to the workflow\'s `on:` triggers';
  if (p.system === 'gitlab') return 'run the job in merge-request pipelines (rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event") or on every branch';
  if (p.system === 'azure') return 'remove `pr: none` (or list the target branches under `pr:`)';
  return 'run the test job for every branch, not only named ones';
}
