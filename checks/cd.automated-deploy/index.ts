/**
 * cd.automated-deploy: the service is deployed by automation (CI on push/tag/release, or a GitOps
 * controller), through named environments or an approval, with a way back (rollback command,
 * atomic/progressive rollout, blue-green or canary config). Half the score for automation, a quarter
 * each for environments/approval and for the rollback path; a manual-only deploy scores nothing.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { allJobs, ciFact, describeEvents, type CiEvent, type CiJob } from '../../src/facts/ci/index.js';
import { stepHits, type Hit } from './deploy-steps.js';
import { deployableFiles, manifestEvidence } from './repo-signals.js';

/** Events that deploy without anyone starting the run (pull requests only make previews). */
const DELIVERY_EVENTS: CiEvent[] = ['push', 'tag', 'release', 'workflow_run', 'schedule'];

interface DeployJob {
  job: CiJob;
  hit: Hit;
  automated: boolean;
  gated: boolean;
}

export default defineCheck({
  meta: {
    id: 'cd.automated-deploy',
    title: 'Automated deployment with environments and a rollback path',
    category: 'infra',
    severity: 'medium',
    description: 'Deployments run automatically (CI on push/tag/release, or GitOps) through environments or an approval, and there is a rollback path (rollout undo, helm --atomic/rollback, blue-green/canary, Argo Rollouts).',
  },
  async applies({ repo }) {
    const ci = await repo.fact(ciFact);
    if (deployableFiles(repo).length) return true;
    const deploys = [...allJobs(ci)].some(({ job }) => job.environment || job.steps.some((s) => stepHits(s).deploy.length));
    return deploys || { applies: false, reason: 'nothing deployable found (no Dockerfile, manifests, platform config or deploy step)' };
  },
  async run({ repo }) {
    const ci = await repo.fact(ciFact);
    const jobs: DeployJob[] = [];
    const rollbacks: Hit[] = [];
    for (const { pipeline, job } of allJobs(ci)) {
      const hits = job.steps.map(stepHits);
      rollbacks.push(...hits.flatMap((h) => h.rollback));
      if (job.strategy?.onFailure || job.strategy?.kind === 'canary') rollbacks.push({ what: `Azure ${job.strategy.kind} strategy${job.strategy.onFailure ? ' with on: failure steps' : ''}`, file: job.file, line: job.strategy.line });
      const deploy = hits.flatMap((h) => h.deploy)[0] ?? (isDeployJob(job) ? { what: `job ${job.id}${job.environment ? ` (environment ${job.environment.value})` : ''}`, file: job.file, line: job.line } : undefined);
      const external = pipeline.external.find((e) => /auto-devops/i.test(e.value));
      if (deploy) jobs.push({ job, hit: deploy, automated: automated(job), gated: !!job.environment || job.approval });
      else if (external && !jobs.some((j) => j.hit.file === external.file)) jobs.push({ job, hit: { what: external.value, ...external }, automated: true, gated: true });
    }
    const manifests = await manifestEvidence(repo);
    rollbacks.push(...manifests.rollback);
    const gitops = manifests.deploy[0];
    const findings: Finding[] = [];
    if (!jobs.length && !gitops) {
      findings.push({ id: 'no-deploy', message: 'no deployment automation found: no CI job deploys and no GitOps controller is configured', hint: 'add a deploy job that runs on push to main with `environment: production` (or an Argo CD Application with automated sync)' });
      return { score: 0, findings };
    }
    const auto = jobs.filter((j) => j.automated);
    const notes: string[] = [];
    let score = 0;
    if (auto.length || gitops) {
      score += 0.5;
      notes.push(`automated deploy: ${auto[0] ? `${auto[0].hit.what} in ${auto[0].job.file} job \`${auto[0].job.id}\`` : `${gitops.what} (${gitops.file})`}`);
    } else {
      const j = jobs[0];
      findings.push({ id: 'manual-deploy-only', message: `deployments never run by themselves: job \`${j.job.id}\` (${j.hit.what}) runs ${describeEvents(j.job)}`, file: j.hit.file, line: j.hit.line, hint: 'deploy on push to the default branch or on release tags, with an environment that requires approval for production' });
    }
    const considered = auto.length ? auto : jobs;
    if (gitops || considered.some((j) => j.gated)) score += 0.25;
    else {
      const j = considered[0];
      findings.push({ id: 'no-environment', message: `job \`${j.job.id}\` deploys without a named environment or an approval step`, file: j.job.file, line: j.job.line, severity: 'low', hint: 'declare `environment: production` (GitHub/GitLab/Azure) and protect it with required reviewers, or add an approval job/input step' });
    }
    if (rollbacks.length) {
      score += 0.25;
      notes.push(`rollback path: ${rollbacks[0].what} (${rollbacks[0].file}:${rollbacks[0].line})`);
    } else {
      const first = considered[0]?.hit ?? gitops;
      findings.push({ id: 'no-rollback', message: 'deployments have no rollback path: no rollout undo, helm --atomic/rollback, blue-green or canary strategy', file: first.file, line: first.line, hint: 'use `helm upgrade --atomic`, add a rollback job (`kubectl rollout undo deployment/app`), or progressive delivery (Argo Rollouts, Flagger)' });
    }
    if (!auto.length && !gitops) score = 0;
    return { score, findings, notes };
  },
});

/**
 * Jobs that deploy even when their commands are unknown: one deploying to an environment, or one
 * named or staged `deploy` that runs something.
 */
function isDeployJob(job: CiJob): boolean {
  const names = `${job.id} ${job.name ?? ''} ${job.stage ?? ''}`;
  if (job.environment) return /deploy|release|prod|stag|publish|ship|rollout/i.test(`${names} ${job.environment.value}`);
  return /(^|[^a-z])deploy/i.test(names) && job.steps.some((s) => s.commands.some((c) => c.argv[0] !== 'echo'));
}

/** Runs without anyone starting it; a manual job in a push pipeline is an approval, not a manual deploy. */
function automated(job: CiJob): boolean {
  const delivery = DELIVERY_EVENTS.some((e) => job.events.has(e));
  return delivery && (!job.manual || job.approval);
}
