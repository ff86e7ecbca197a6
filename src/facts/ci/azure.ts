/**
 * Azure Pipelines: `azure-pipelines.yml` (any folder) and `.azure-pipelines/*.yml`. Stages, jobs and
 * steps, local `template:` references (relative to the referencing file, `extends:` included) read
 * in place, deployment jobs with their environment and rollout strategy. Without `trigger:`/`pr:`
 * Azure runs on every push and pull request; `none` switches either off; conditions on
 * `Build.Reason` / `Build.SourceBranch` narrow jobs.
 */
import path from 'node:path';
import type { RepoContext } from '../../context/repo-context.js';
import type { CiEvent, CiJob, CiPipeline, CiStep, CiText, Located } from './model.js';
import type { CiYamlLoader } from './load-yaml.js';
import { textOf } from './ci-text.js';
import { get, isTrue, list, str, type YMap, type YNode } from './yaml-tree.js';

export const AZURE_GLOBS = ['**/azure-pipelines.yml', '**/azure-pipelines.yaml', '.azure-pipelines/*.yml', '.azure-pipelines/*.yaml'];
const SCRIPT_KEYS = ['script', 'bash', 'pwsh', 'powershell'];
const MAX_TEMPLATE_DEPTH = 8;
const HOOKS = ['preDeploy', 'deploy', 'routeTraffic', 'postRouteTraffic'];

interface Ctx {
  loader: CiYamlLoader;
  repo: RepoContext;
  external: Located<string>[];
  templates: Set<string>;
}

export async function readAzure(repo: RepoContext, loader: CiYamlLoader): Promise<CiPipeline[]> {
  const templates = new Set<string>();
  const out: CiPipeline[] = [];
  for (const f of repo.glob(AZURE_GLOBS)) {
    const root = await loader.load(f.path);
    if (!root) continue;
    const ctx: Ctx = { loader, repo, external: [], templates };
    const events = triggers(root);
    const jobs: CiJob[] = [];
    await readBody(ctx, root, f.path, events, undefined, jobs, 0);
    out.push({ system: 'azure', file: f.path, line: 1, name: str(get(root, 'name')), events, triggers: [], jobs, external: ctx.external });
  }
  // A file another pipeline pulls in as a template is not a pipeline of its own.
  return out.filter((p) => !templates.has(p.file));
}

function triggers(root: YMap): Set<CiEvent> {
  const events = new Set<CiEvent>();
  const trigger = get(root, 'trigger');
  const off = (n: YNode | undefined) => n !== undefined && (str(n) === 'none' || (n.kind === 'scalar' && n.value === false));
  if (!off(trigger)) {
    const tagsOnly = get(trigger, 'tags') !== undefined && get(trigger, 'branches') === undefined;
    events.add(tagsOnly ? 'tag' : 'push');
  }
  if (!off(get(root, 'pr'))) events.add('pull_request');
  if (get(root, 'schedules') !== undefined) events.add('schedule');
  if (list(get(get(root, 'resources'), 'pipelines')).some((p) => get(p, 'trigger') !== undefined)) events.add('workflow_run');
  if (!events.size) events.add('manual');
  return events;
}

async function readBody(ctx: Ctx, node: YNode, file: string, events: Set<CiEvent>, condition: string | undefined, jobs: CiJob[], depth: number): Promise<void> {
  const ext = get(get(node, 'extends'), 'template');
  if (ext) {
    const t = await template(ctx, ext, file, depth);
    if (t) await readBody(ctx, t.root, t.file, events, condition, jobs, depth + 1);
  }
  for (const stage of list(get(node, 'stages'))) {
    const t = get(stage, 'template') ? await template(ctx, get(stage, 'template')!, file, depth) : null;
    if (t) await readBody(ctx, t.root, t.file, events, condition, jobs, depth + 1);
    else await readJobs(ctx, list(get(stage, 'jobs')), file, narrow(events, str(get(stage, 'condition'))), jobs, depth);
  }
  await readJobs(ctx, list(get(node, 'jobs')), file, narrow(events, condition), jobs, depth);
  const steps = list(get(node, 'steps'));
  if (steps.length) {
    jobs.push({ system: 'azure', file, line: steps[0].line, id: 'default', events: new Set(events), steps: await readSteps(ctx, steps, file, depth), manual: false, approval: false, allowFailure: false });
  }
}

async function readJobs(ctx: Ctx, nodes: YNode[], file: string, events: Set<CiEvent>, jobs: CiJob[], depth: number): Promise<void> {
  for (const node of nodes) {
    const ref = get(node, 'template');
    if (ref) {
      const t = await template(ctx, ref, file, depth);
      if (t) await readJobs(ctx, list(get(t.root, 'jobs')), t.file, events, jobs, depth + 1);
      continue;
    }
    const id = str(get(node, 'job')) ?? str(get(node, 'deployment'));
    if (id === undefined) continue;
    const env = get(node, 'environment');
    const envName = env?.kind === 'map' ? get(env, 'name') : env;
    const strategyNode = get(node, 'strategy');
    const kind = strategyNode?.kind === 'map' ? strategyNode.pairs.find((p) => ['runOnce', 'rolling', 'canary'].includes(p.key)) : undefined;
    let stepNodes = list(get(node, 'steps'));
    if (kind) stepNodes = HOOKS.flatMap((h) => list(get(get(kind.value, h), 'steps')));
    const onFailure = kind ? list(get(get(get(kind.value, 'on'), 'failure'), 'steps')) : [];
    const environment = envName && str(envName) ? { value: str(envName)!, file: envName.src.path, line: envName.line } : undefined;
    jobs.push({
      system: 'azure',
      file,
      line: node.line,
      id,
      name: str(get(node, 'displayName')),
      events: narrow(events, str(get(node, 'condition'))),
      steps: await readSteps(ctx, [...stepNodes, ...onFailure], file, depth),
      ...(environment ? { environment } : {}),
      manual: false,
      // Approvals and checks live on the environment in Azure DevOps, not in the YAML.
      approval: !!environment,
      allowFailure: isTrue(get(node, 'continueOnError')),
      ...(kind ? { strategy: { kind: kind.key, onFailure: onFailure.length > 0, line: kind.line } } : {}),
    });
  }
}

async function readSteps(ctx: Ctx, nodes: YNode[], file: string, depth: number): Promise<CiStep[]> {
  const out: CiStep[] = [];
  for (const node of nodes) {
    const ref = get(node, 'template');
    if (ref) {
      const t = await template(ctx, ref, file, depth);
      if (t) out.push(...(await readSteps(ctx, list(get(t.root, 'steps')), t.file, depth + 1)));
      continue;
    }
    const inputs = new Map<string, CiText>();
    const inputsNode = get(node, 'inputs');
    for (const p of inputsNode?.kind === 'map' ? inputsNode.pairs : []) {
      const t = textOf(p.value);
      if (t) inputs.set(p.key, t);
    }
    const scriptKey = SCRIPT_KEYS.find((k) => get(node, k) !== undefined);
    const task = get(node, 'task');
    // Inline-script tasks (CmdLine, Bash, PowerShell) carry their shell text as an input.
    const script = scriptKey ? textOf(get(node, scriptKey)) : task ? (inputs.get('script') ?? inputs.get('inlineScript') ?? inputs.get('Inline')) : undefined;
    if (!script && !task) continue;
    out.push({
      file: node.src.path,
      line: node.line,
      name: str(get(node, 'displayName')),
      ...(script ? { script } : {}),
      ...(task && str(task) ? { uses: { value: str(task)!, file: task.src.path, line: task.line } } : {}),
      inputs,
      continueOnError: isTrue(get(node, 'continueOnError')),
      condition: str(get(node, 'condition')),
      ...(str(get(node, 'workingDirectory')) ? { cwd: str(get(node, 'workingDirectory')) } : {}),
      commands: [],
    });
  }
  return out;
}

async function template(ctx: Ctx, ref: YNode, from: string, depth: number): Promise<{ root: YMap; file: string } | null> {
  const name = str(ref);
  if (!name || depth >= MAX_TEMPLATE_DEPTH) return null;
  if (name.includes('@') || name.includes('${{')) {
    ctx.external.push({ value: name, file: ref.src.path, line: ref.line });
    return null;
  }
  const file = name.startsWith('/') ? name.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), name));
  ctx.templates.add(file);
  const root = await ctx.loader.load(file);
  if (!root && !ctx.repo.has(file)) ctx.loader.problem(ref.src.path, ref.line, `uses template ${name}, which does not exist`);
  return root ? { root, file } : null;
}

/** Conditions on the build reason and branch, the usual way Azure keeps deploys off pull requests. */
function narrow(events: Set<CiEvent>, condition: string | undefined): Set<CiEvent> {
  const out = new Set(events);
  if (!condition || /\bor\(/i.test(condition)) return out;
  const c = condition.replace(/\s+/g, '');
  if (/ne\(variables\[?['.]?Build\.Reason['\]]*,'PullRequest'\)/i.test(c) || /eq\(variables\[?['.]?Build\.SourceBranch['\]]*,'refs\/heads\//i.test(c)) {
    out.delete('pull_request');
  }
  if (/eq\(variables\[?['.]?Build\.Reason['\]]*,'PullRequest'\)/i.test(c)) for (const e of [...out]) if (e !== 'pull_request') out.delete(e);
  return out;
}
