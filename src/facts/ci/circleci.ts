/**
 * CircleCI: `.circleci/config.yml`. Workflows name the jobs that run; without workflows the
 * `build` job runs on every push (version 2.0). CircleCI builds every pushed branch, which is how
 * it tests pull requests, unless branch filters narrow a job to named branches or to tags only.
 * Reusable `commands:` are spliced into steps; orb jobs and orb commands stay as `uses`.
 */
import type { CiEvent, CiJob, CiPipeline, CiStep, CiText, Located } from './model.js';
import type { CiYamlLoader } from './load-yaml.js';
import { textOf } from './ci-text.js';
import { get, list, str, type YNode } from './yaml-tree.js';

export const CIRCLECI_FILES = ['.circleci/config.yml', '.circleci/config.yaml'];
const BUILTIN_STEPS = new Set(['checkout', 'setup_remote_docker', 'save_cache', 'restore_cache', 'store_artifacts', 'store_test_results', 'persist_to_workspace', 'attach_workspace', 'add_ssh_keys']);

export async function readCircleci(loader: CiYamlLoader, file: string): Promise<CiPipeline | null> {
  const root = await loader.load(file);
  if (!root) return null;
  const jobsNode = get(root, 'jobs');
  const commands = get(root, 'commands');
  const external: Located<string>[] = [];
  const orbs = get(root, 'orbs');
  for (const p of orbs?.kind === 'map' ? orbs.pairs : []) external.push({ value: str(p.value) ?? p.key, file, line: p.line });
  const jobs: CiJob[] = [];
  const workflows = get(root, 'workflows');
  const wfPairs = workflows?.kind === 'map' ? workflows.pairs.filter((p) => p.key !== 'version' && p.value.kind === 'map') : [];
  if (!wfPairs.length) {
    const build = jobsNode?.kind === 'map' ? jobsNode.pairs.find((p) => p.key === 'build') : undefined;
    if (build) jobs.push(job(build.key, build.line, file, build.value, commands, new Set<CiEvent>(['push', 'pull_request']), false));
  }
  for (const wf of wfPairs) {
    const scheduled = list(get(wf.value, 'triggers')).some((t) => get(t, 'schedule') !== undefined);
    const approvals = new Set<string>();
    for (const entry of list(get(wf.value, 'jobs'))) {
      const ref = entry.kind === 'map' ? entry.pairs[0] : undefined;
      const name = ref?.key ?? str(entry);
      if (!name) continue;
      const params = ref?.value;
      const alias = str(get(params, 'name')) ?? name;
      if (str(get(params, 'type')) === 'approval') {
        approvals.add(alias);
        continue;
      }
      const requires = list(get(params, 'requires')).map((n) => str(n) ?? '');
      const gated = requires.some((r) => approvals.has(r));
      const events = scheduled ? new Set<CiEvent>(['schedule']) : filterEvents(get(params, 'filters'));
      const def = get(jobsNode, name);
      const line = entry.line;
      if (def?.kind === 'map') jobs.push(job(alias, line, file, def, commands, events, gated));
      else jobs.push({ ...job(alias, line, file, undefined, commands, events, gated), opaque: { value: name, file, line }, steps: [orbStep(name, params, file, line)] });
    }
  }
  return { system: 'circleci', file, line: 1, events: new Set(jobs.flatMap((j) => [...j.events])), triggers: [], jobs, external };
}

function filterEvents(filters: YNode | undefined): Set<CiEvent> {
  const branches = get(filters, 'branches');
  const tags = get(filters, 'tags');
  const only = list(get(branches, 'only')).map((n) => str(n) ?? '');
  const ignore = list(get(branches, 'ignore')).map((n) => str(n) ?? '');
  const events = new Set<CiEvent>();
  const noBranches = ignore.some((i) => i === '/.*/' || i === '/.+/');
  if (!noBranches) {
    events.add('push');
    // Named branches (main, /release-.*/) are pushes but not every pull request's branch.
    if (!only.length || only.some((o) => o === '/.*/' || o === '/.+/')) events.add('pull_request');
  }
  if (get(tags, 'only') !== undefined) events.add('tag');
  return events;
}

function job(id: string, line: number, file: string, def: YNode | undefined, commands: YNode | undefined, events: Set<CiEvent>, gated: boolean): CiJob {
  return {
    system: 'circleci',
    file,
    line,
    id,
    events,
    steps: def ? expand(list(get(def, 'steps')), file, commands, str(get(def, 'working_directory')), 0) : [],
    manual: false,
    approval: gated,
    allowFailure: false,
  };
}

function expand(nodes: YNode[], file: string, commands: YNode | undefined, cwd: string | undefined, depth: number): CiStep[] {
  const out: CiStep[] = [];
  for (const node of nodes) {
    const key = node.kind === 'map' ? node.pairs[0]?.key : str(node);
    if (!key || BUILTIN_STEPS.has(key)) continue;
    const value = node.kind === 'map' ? node.pairs[0].value : undefined;
    if (key === 'run' || key === 'deploy') {
      const script = textOf(value?.kind === 'map' ? get(value, 'command') : value);
      if (script) out.push({ file: script.file, line: node.line, name: str(get(value, 'name')), script, inputs: new Map(), continueOnError: false, cwd: str(get(value, 'working_directory')) ?? cwd, commands: [] });
    } else if (key === 'when' || key === 'unless') {
      if (depth < 8) out.push(...expand(list(get(value, 'steps')), file, commands, cwd, depth + 1));
    } else if (get(commands, key)?.kind === 'map' && depth < 8) {
      out.push(...expand(list(get(get(commands, key), 'steps')), file, commands, cwd, depth + 1));
    } else {
      out.push(orbStep(key, value, file, node.line));
    }
  }
  return out;
}

/** An orb command or orb job (`node/test`, `aws-ecs/deploy-service-update`) with its parameters. */
function orbStep(name: string, params: YNode | undefined, file: string, line: number): CiStep {
  const inputs = new Map<string, CiText>();
  for (const p of params?.kind === 'map' ? params.pairs : []) {
    const t = textOf(p.value);
    if (t) inputs.set(p.key, t);
  }
  return { file, line, uses: { value: name, file, line }, inputs, continueOnError: false, commands: [] };
}
