/**
 * GitHub Actions: workflows under `.github/workflows/`, local actions (`action.yml`), composite
 * actions spliced into the jobs that use them, and reusable workflows — a job that calls
 * `./.github/workflows/x.yml` makes x's jobs run on the caller's events, so events are propagated
 * through local calls until nothing changes. Remote reusable workflows are recorded as opaque.
 */
import path from 'node:path';
import type { RepoContext } from '../../context/repo-context.js';
import type { CiAction, CiEvent, CiJob, CiPipeline, CiStep, CiText, GithubPermissions, Located } from './model.js';
import type { CiYamlLoader } from './load-yaml.js';
import { textOf } from './ci-text.js';
import { narrowByIf, readOn } from './github-events.js';
import { get, isTrue, list, pairOf, str, type YMap, type YNode } from './yaml-tree.js';

export const WORKFLOW_GLOBS = ['.github/workflows/*.yml', '.github/workflows/*.yaml'];
export const ACTION_GLOBS = ['**/action.yml', '**/action.yaml'];
const MAX_SPLICE_DEPTH = 6;

export async function readGithub(repo: RepoContext, loader: CiYamlLoader): Promise<{ pipelines: CiPipeline[]; actions: CiAction[] }> {
  const actions: CiAction[] = [];
  for (const f of repo.glob(ACTION_GLOBS)) {
    const root = await loader.load(f.path);
    if (root && get(root, 'runs')) actions.push(readAction(root, f.path));
  }
  const pipelines: CiPipeline[] = [];
  for (const f of repo.glob(WORKFLOW_GLOBS)) {
    const root = await loader.load(f.path);
    if (!root) continue;
    if (!get(root, 'jobs') || onNode(root) === undefined) {
      loader.problem(f.path, 1, `is not a workflow: it needs both \`on:\` and \`jobs:\``);
      continue;
    }
    pipelines.push(readWorkflow(root, f.path));
  }
  const byDir = new Map(actions.map((a) => [a.dir, a]));
  for (const p of pipelines) for (const job of p.jobs) job.steps = splice(job.steps, byDir, 0, new Set());
  for (const a of actions) a.steps = splice(a.steps, byDir, 0, new Set([a.dir]));
  propagateEvents(pipelines);
  return { pipelines, actions };
}

function readWorkflow(root: YMap, file: string): CiPipeline {
  const on = readOn(onNode(root), file);
  const events = on.events;
  const cwd = str(get(get(get(root, 'defaults'), 'run'), 'working-directory'));
  const jobs: CiJob[] = [];
  const external: Located<string>[] = [];
  const jobsNode = get(root, 'jobs');
  for (const pair of jobsNode?.kind === 'map' ? jobsNode.pairs : []) {
    const node = pair.value;
    const calls = located(get(node, 'uses'));
    const remote = calls && !calls.value.startsWith('./');
    if (remote) external.push(calls);
    const jobCwd = str(get(get(get(node, 'defaults'), 'run'), 'working-directory')) ?? cwd;
    const env = get(node, 'environment');
    const environment = located(env?.kind === 'map' ? get(env, 'name') : env);
    jobs.push({
      system: 'github',
      file,
      line: pair.line,
      id: pair.key,
      name: str(get(node, 'name')),
      events: new Set(),
      steps: list(get(node, 'steps')).map((s) => readStep(s, file, jobCwd)),
      ...(environment ? { environment } : {}),
      manual: false,
      approval: !!environment,
      allowFailure: isTrue(get(node, 'continue-on-error')),
      condition: str(get(node, 'if')),
      permissions: readPermissions(pairOf(node, 'permissions')?.value, pairOf(node, 'permissions')?.line),
      ...(calls ? { calls } : {}),
      ...(remote ? { opaque: calls } : {}),
    });
  }
  return {
    system: 'github',
    file,
    line: 1,
    name: str(get(root, 'name')),
    events,
    triggers: on.triggers,
    jobs,
    external,
    permissions: readPermissions(pairOf(root, 'permissions')?.value, pairOf(root, 'permissions')?.line),
    reusableOnly: events.size === 1 && events.has('workflow_call'),
  };
}

/** `on:`; a file under a `%YAML 1.1` directive reads the key as the boolean true. */
function onNode(root: YMap): YNode | undefined {
  return get(root, 'on') ?? get(root, 'true');
}

function readAction(root: YMap, file: string): CiAction {
  const runs = get(root, 'runs');
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  return { file, line: 1, dir, using: str(get(runs, 'using')) ?? '', steps: list(get(runs, 'steps')).map((s) => readStep(s, file, undefined)) };
}

export function readStep(node: YNode, file: string, cwd: string | undefined): CiStep {
  const inputs = new Map<string, CiText>();
  const withNode = get(node, 'with');
  for (const p of withNode?.kind === 'map' ? withNode.pairs : []) {
    const t = textOf(p.value);
    if (t) inputs.set(p.key, t);
  }
  const script = textOf(get(node, 'run'));
  const stepCwd = str(get(node, 'working-directory')) ?? cwd;
  return {
    file,
    line: node.line,
    name: str(get(node, 'name')),
    ...(script ? { script } : {}),
    ...(located(get(node, 'uses')) ? { uses: located(get(node, 'uses')) } : {}),
    inputs,
    continueOnError: isTrue(get(node, 'continue-on-error')),
    condition: str(get(node, 'if')),
    ...(stepCwd ? { cwd: cleanDir(stepCwd) } : {}),
    commands: [],
  };
}

function readPermissions(node: YNode | undefined, line: number | undefined): GithubPermissions | undefined {
  if (!node || line === undefined) return undefined;
  if (node.kind === 'scalar') {
    const v = str(node);
    return { line, shape: v === 'write-all' ? 'write-all' : v === 'read-all' ? 'read-all' : 'other', writes: [] };
  }
  if (node.kind !== 'map') return { line, shape: 'other', writes: [] };
  const writes = node.pairs.filter((p) => str(p.value) === 'write').map((p) => ({ value: p.key, file: p.value.src.path, line: p.line }));
  return { line, shape: node.pairs.length ? 'scopes' : 'none', writes };
}

/** Local composite actions (`uses: ./path`) replaced by their steps, which keep their own file. */
function splice(steps: CiStep[], byDir: Map<string, CiAction>, depth: number, seen: Set<string>): CiStep[] {
  const out: CiStep[] = [];
  for (const step of steps) {
    out.push(step);
    const ref = step.uses?.value;
    if (!ref?.startsWith('./') || depth >= MAX_SPLICE_DEPTH) continue;
    const dir = cleanDir(ref);
    const action = byDir.get(dir);
    if (action?.using !== 'composite' || seen.has(dir)) continue;
    out.push(...splice(action.steps, byDir, depth + 1, new Set([...seen, dir])));
  }
  return out;
}

function propagateEvents(pipelines: CiPipeline[]): void {
  const byFile = new Map(pipelines.map((p) => [p.file, p]));
  const effective = new Map<CiPipeline, Set<CiEvent>>(pipelines.map((p) => [p, new Set([...p.events].filter((e) => e !== 'workflow_call'))]));
  for (let round = 0, changed = true; changed && round <= pipelines.length; round++) {
    changed = false;
    for (const p of pipelines) {
      for (const job of p.jobs) {
        const target = job.calls?.value.startsWith('./') ? byFile.get(cleanDir(job.calls.value.replace(/@.*$/, ''))) : undefined;
        if (!target) continue;
        const into = effective.get(target)!;
        for (const e of narrowByIf(effective.get(p)!, job.condition)) {
          if (!into.has(e)) {
            into.add(e);
            changed = true;
          }
        }
      }
    }
  }
  for (const p of pipelines) for (const job of p.jobs) job.events = narrowByIf(effective.get(p)!, job.condition);
}

function located(node: YNode | undefined): Located<string> | undefined {
  const v = str(node);
  return v !== undefined && node ? { value: v, file: node.src.path, line: node.line } : undefined;
}

function cleanDir(p: string): string {
  const n = path.posix.normalize(p.replace(/^\.\//, '')).replace(/\/$/, '');
  return n === '.' ? '' : n;
}

