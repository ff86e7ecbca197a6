/**
 * The CI fact: every CI definition in the repository, read once per run and shared by the CI,
 * CD and scanning checks through `repo.fact(ciFact)`. Also small questions those checks all ask
 * (does a job run on push? on pull requests? automatically?).
 */
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import type { CiEvent, CiFacts, CiJob, CiPipeline, CiStep } from './model.js';
import { CiYamlLoader } from './load-yaml.js';
import { readGithub } from './github.js';
import { readGitlab } from './gitlab.js';
import { readCircleci, CIRCLECI_FILES } from './circleci.js';
import { readAzure } from './azure.js';
import { JENKINS_GLOBS, readJenkinsfile } from './jenkins.js';
import { commandsOf } from './script-commands.js';

export * from './model.js';

export const ciFact = defineFact<CiFacts>('ci', collectCi);

async function collectCi(repo: RepoContext): Promise<CiFacts> {
  const loader = new CiYamlLoader(repo);
  const github = await readGithub(repo, loader);
  const pipelines: CiPipeline[] = [...github.pipelines];
  pipelines.push(...(await readGitlab(repo, loader)));
  for (const file of CIRCLECI_FILES.filter((f) => repo.has(f))) {
    const p = await readCircleci(loader, file);
    if (p) pipelines.push(p);
  }
  pipelines.push(...(await readAzure(repo, loader)));
  for (const f of repo.glob(JENKINS_GLOBS, { nocase: true })) {
    const text = await repo.text(f.path);
    if (text === null) {
      loader.problem(f.path, 1, 'could not be read as text');
      continue;
    }
    pipelines.push(readJenkinsfile(text, f.path, lineLocator(text)));
  }
  const done = new Set<CiStep>();
  const fill = async (step: CiStep) => {
    if (done.has(step) || !step.script) return;
    done.add(step);
    step.commands = await commandsOf(repo, step.script, step.cwd ?? '');
  };
  for (const p of pipelines) for (const j of p.jobs) for (const s of j.steps) await fill(s);
  for (const a of github.actions) for (const s of a.steps) await fill(s);
  const files = new Map<string, CiPipeline['system']>();
  for (const p of pipelines) files.set(p.file, p.system);
  for (const a of github.actions) files.set(a.file, 'github');
  for (const prob of loader.problems) if (!files.has(prob.file)) files.set(prob.file, systemOf(prob.file));
  return { files: [...files].map(([path, system]) => ({ path, system })), pipelines, actions: github.actions, problems: loader.problems };
}

function systemOf(path: string): CiPipeline['system'] {
  if (path.startsWith('.github/') || /(^|\/)action\.ya?ml$/.test(path)) return 'github';
  if (path.startsWith('.circleci/')) return 'circleci';
  if (/azure/i.test(path)) return 'azure';
  if (/jenkins/i.test(path)) return 'jenkins';
  return 'gitlab';
}

/** Offsets to 1-based lines by binary search over line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * A command as messages quote it: its first words, without values that could be credentials
 * (`--token=…`, `PASSWORD=…`, long opaque strings) — findings and notes never carry a secret.
 */
export function commandLabel(argv: string[], words = 3, keep: RegExp | null = null): string {
  const secretish = (w: string) => /token|secret|passw|api[-_]?key|auth|credential/i.test(w);
  // Opaque strings (tokens, keys, hashes) mix letters and digits over many characters.
  const opaque = (w: string) => w.length > 24 || (w.length >= 12 && /\d/.test(w) && /[a-z]/i.test(w) && !/^[\w.-]+@[\d.]+$/.test(w));
  const safe: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (secretish(w)) {
      if (w.startsWith('-') && !w.includes('=')) i++; // and the value that follows the flag
      continue;
    }
    if (w.includes('=') || opaque(w)) continue;
    if (i < words || keep?.test(w)) safe.push(w);
  }
  return safe.join(' ');
}

const PR_EVENTS: CiEvent[] = ['pull_request', 'pull_request_target', 'merge_group'];
/** Events on which nobody has to start anything. */
const AUTOMATIC: CiEvent[] = ['push', 'tag', 'release', 'schedule', 'workflow_run', 'merge_group', ...PR_EVENTS];

export const runsOnPush = (job: CiJob): boolean => !job.manual && job.events.has('push');
export const runsOnPullRequest = (job: CiJob): boolean => !job.manual && PR_EVENTS.some((e) => job.events.has(e));
export const runsAutomatically = (job: CiJob): boolean => !job.manual && AUTOMATIC.some((e) => job.events.has(e));

/** Every job of every pipeline, with the pipeline it belongs to. */
export function* allJobs(ci: CiFacts): Generator<{ pipeline: CiPipeline; job: CiJob }> {
  for (const pipeline of ci.pipelines) for (const job of pipeline.jobs) yield { pipeline, job };
}

const PHRASES: Partial<Record<CiEvent, string>> = {
  manual: 'when started by hand',
  schedule: 'on a schedule',
  tag: 'on tag pushes',
  release: 'on releases',
  workflow_run: 'after another workflow',
  workflow_call: 'when another workflow calls it',
  comment: 'on issue/comment events',
};

/** A short human description of when a job runs, for messages. */
export function describeEvents(job: CiJob): string {
  if (job.manual) return 'only when started by hand';
  const list = [...job.events].filter((e) => e !== 'other').map((e) => PHRASES[e] ?? `on ${e}`);
  return list.length ? `only ${list.join(', ')}` : 'never (no trigger reaches it)';
}
