/**
 * ci.readiness-gate: CI runs `mina check` (or the mina Action) with a threshold, on pull requests,
 * and lets it fail the build. The threshold may sit on the command, in the Action's inputs, or in
 * the `gate:` of the mina config (or rubric) the command picks up.
 */
import path from 'node:path';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser, yamlValues } from '../../src/context/parsers/yaml.js';
import { jsonParser } from '../../src/context/parsers/json.js';
import { allJobs, ciFact, describeEvents, runsAutomatically, runsOnPullRequest, type CiJob } from '../../src/facts/ci/index.js';
import { gateSteps, type GateStep } from './gate-steps.js';

const CONFIG_NAMES = ['mina.yaml', '.mina.yaml', 'mina.yml', '.mina.yml'];

interface Candidate {
  gate: GateStep;
  job: CiJob;
  score: number;
  findings: Finding[];
}

export default defineCheck({
  meta: {
    id: 'ci.readiness-gate',
    title: 'CI gates on the readiness score',
    category: 'infra',
    severity: 'medium',
    description: 'CI runs `mina check` (or the mina GitHub Action) with a threshold on pull requests, and a failing gate fails the build.',
  },
  async run({ repo }) {
    const ci = await repo.fact(ciFact);
    const candidates: Candidate[] = [];
    for (const { job } of allJobs(ci)) {
      for (const step of job.steps) for (const gate of gateSteps(step)) candidates.push(await assess(repo, gate, job));
    }
    if (!candidates.length) {
      return {
        score: 0,
        findings: [{
          id: 'no-readiness-gate',
          message: ci.pipelines.length ? 'no CI job runs `mina check` or the mina Action' : 'no CI configuration, so nothing gates on readiness',
          hint: 'add a step `npx mina check --min-score 80` (or `uses: <owner>/mina@<sha>` with `min-score: 80`) to the pull-request workflow',
        }],
      };
    }
    const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
    return { score: best.score, findings: best.findings, notes: [`readiness gate: ${best.gate.file}:${best.gate.line} (${best.gate.threshold ?? 'no threshold'})`] };
  },
});

async function assess(repo: RepoContext, gate: GateStep, job: CiJob): Promise<Candidate> {
  const findings: Finding[] = [];
  let score = 1;
  const at = { file: gate.file, line: gate.line };
  gate.threshold ??= await configuredThreshold(repo, gate);
  if (!gate.threshold) {
    score = Math.min(score, 0.5);
    findings.push({ id: 'no-threshold', message: 'mina runs in CI without a threshold: only the rubric\'s default gate applies', ...at, hint: 'add `--min-score 80` (or `--fail-on high`), or set `gate: { minScore: 80 }` in mina.yaml' });
  }
  if (gate.step.continueOnError || job.allowFailure || gate.swallowed) {
    score = Math.min(score, 0.25);
    findings.push({ id: 'gate-not-enforced', message: `the mina step cannot fail the build (${gate.swallowed ? 'its exit status is discarded' : 'the step or job is allowed to fail'})`, ...at, hint: 'remove continue-on-error / allow_failure / `|| true` so a failing gate fails CI' });
  }
  if (!runsOnPullRequest(job)) {
    const automatic = runsAutomatically(job);
    score = Math.min(score, automatic ? 0.75 : 0.4);
    findings.push({
      id: automatic ? 'gate-not-on-pull-request' : 'gate-not-automatic',
      message: `the readiness gate in job \`${job.id}\` runs ${describeEvents(job)}: pull requests are merged without it`,
      ...at,
      severity: automatic ? 'low' : 'medium',
      hint: 'run the gate in the workflow triggered by pull_request (or in merge-request pipelines)',
    });
  }
  return { gate, job, score, findings };
}

/** `gate:` of the rubric the command names, else of the mina config found walking up from its target. */
async function configuredThreshold(repo: RepoContext, gate: GateStep): Promise<string | null> {
  const start = path.posix.normalize(gate.target.replace(/^\.\/?/, '') || '.');
  if (gate.rubric) {
    const file = path.posix.normalize(path.posix.join(start === '.' ? '' : start, gate.rubric));
    const t = await yamlGate(repo, file) ?? (await yamlGate(repo, path.posix.normalize(gate.rubric)));
    if (t) return t;
  }
  for (let dir = start.startsWith('..') || path.posix.isAbsolute(start) ? '.' : start; ; dir = path.posix.dirname(dir)) {
    const prefix = dir === '.' ? '' : `${dir}/`;
    for (const name of CONFIG_NAMES) {
      const t = await yamlGate(repo, prefix + name);
      if (t) return t;
    }
    const pkg = repo.has(`${prefix}package.json`) ? await repo.parse(`${prefix}package.json`, jsonParser) : null;
    const fromPkg = thresholdOf((pkg?.value as { mina?: { gate?: unknown } } | undefined)?.mina?.gate, `${prefix}package.json`);
    if (fromPkg) return fromPkg;
    if (dir === '.') return null;
  }
}

async function yamlGate(repo: RepoContext, file: string): Promise<string | null> {
  if (!repo.has(file)) return null;
  const parsed = await repo.parse(file, yamlParser);
  const value = parsed ? yamlValues(parsed)[0] : undefined;
  return thresholdOf((value as { gate?: unknown } | undefined)?.gate, file);
}

function thresholdOf(gate: unknown, file: string): string | null {
  if (!gate || typeof gate !== 'object') return null;
  const { minScore, failOn } = gate as { minScore?: unknown; failOn?: unknown };
  if (typeof minScore === 'number' && minScore > 0) return `gate.minScore ${minScore} in ${file}`;
  if (typeof failOn === 'string' && failOn !== 'none') return `gate.failOn ${failOn} in ${file}`;
  return null;
}
