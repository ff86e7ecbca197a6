/**
 * GitLab CI: `.gitlab-ci.yml` merged with its local `include:`s (nested, globbed), jobs resolved
 * through `extends:` (deep merge, as GitLab does) and `!reference [job, key]` tags, `default:`
 * scripts inherited, child pipelines (`trigger: include:`) read as pipelines of their own that run
 * when their trigger job does. Remote, project, template and component includes are recorded as
 * external. Every script line keeps the file and line it was written on.
 */
import type { RepoContext } from '../../context/repo-context.js';
import type { CiJob, CiPipeline, CiStep, Located } from './model.js';
import type { CiYamlLoader } from './load-yaml.js';
import { textOf } from './ci-text.js';
import { jobEvents, workflowSources } from './gitlab-rules.js';
import { get, isTrue, list, str, type YMap, type YNode } from './yaml-tree.js';

export const GITLAB_FILE = '.gitlab-ci.yml';
const RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'workflow', 'default', 'spec']);
const MAX_INCLUDES = 150;
const MAX_EXTENDS = 11;
const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;

export async function readGitlab(repo: RepoContext, loader: CiYamlLoader): Promise<CiPipeline[]> {
  if (!repo.has(GITLAB_FILE)) return [];
  const out: CiPipeline[] = [];
  await readConfig(repo, loader, GITLAB_FILE, null, out, 0);
  return out;
}

async function readConfig(repo: RepoContext, loader: CiYamlLoader, file: string, parent: CiJob | null, out: CiPipeline[], depth: number): Promise<void> {
  const main = await loader.load(file);
  if (!main) return;
  const external: Located<string>[] = [];
  const roots: YMap[] = [];
  await collect(repo, loader, main, roots, external, new Set([file]));
  const config = roots.reduce<YMap>((acc, r) => merge(acc, r) as YMap, { ...main, pairs: [] });
  const resolver = new JobResolver(config);
  const pipelineSources = workflowSources(get(config, 'workflow'));
  const defaults = get(config, 'default');
  const jobs: CiJob[] = [];
  const children: { file: string; job: CiJob }[] = [];
  for (const pair of config.pairs) {
    if (RESERVED.has(pair.key) || pair.key.startsWith('.') || pair.value.kind !== 'map') continue;
    const node = resolver.resolve(pair.key);
    if (!node) continue;
    const when = jobEvents(node, pipelineSources);
    const events = parent ? new Set([...when.events].filter((e) => parent.events.has(e))) : when.events;
    const env = get(node, 'environment');
    const envName = env?.kind === 'map' ? get(env, 'name') : env;
    const environment = str(envName) && envName ? { value: str(envName)!, file: envName.src.path, line: envName.line } : undefined;
    const job: CiJob = {
      system: 'gitlab',
      file: pair.value.src.path,
      line: pair.line,
      id: pair.key,
      events,
      steps: steps(node, defaults, get(config, 'before_script'), get(config, 'after_script'), resolver),
      stage: str(get(node, 'stage')) ?? 'test',
      ...(environment ? { environment } : {}),
      manual: when.manual || !!parent?.manual,
      approval: when.manual || !!parent?.approval,
      allowFailure: isTrue(get(node, 'allow_failure')) || get(get(node, 'allow_failure'), 'exit_codes') !== undefined,
    };
    jobs.push(job);
    for (const inc of list(get(get(node, 'trigger'), 'include'))) {
      const local = inc.kind === 'map' ? str(get(inc, 'local')) : str(inc);
      if (local && !/^https?:/.test(local)) children.push({ file: local.replace(/^\//, ''), job });
    }
  }
  out.push({ system: 'gitlab', file, line: 1, events: new Set(jobs.flatMap((j) => [...j.events])), triggers: [], jobs, external });
  for (const child of children) {
    if (depth < 2 && repo.has(child.file) && !out.some((p) => p.file === child.file)) await readConfig(repo, loader, child.file, child.job, out, depth + 1);
  }
}

/** Depth-first: an included file's own includes come before it; the including file overrides them. */
async function collect(repo: RepoContext, loader: CiYamlLoader, root: YMap, roots: YMap[], external: Located<string>[], seen: Set<string>): Promise<void> {
  for (const item of list(get(root, 'include'))) {
    const local = item.kind === 'map' ? str(get(item, 'local')) : str(item);
    if (local !== undefined && (item.kind === 'map' || !/^https?:\/\//.test(local))) {
      const pattern = local.replace(/^\//, '');
      const files = /[*?[]/.test(pattern) ? repo.glob(pattern).map((f) => f.path) : [pattern];
      for (const path of files) {
        if (seen.has(path) || seen.size >= MAX_INCLUDES) continue;
        seen.add(path);
        const included = await loader.load(path);
        if (!included) {
          if (!repo.has(path)) loader.problem(root.src.path, item.line, `includes ${path}, which does not exist`);
          continue;
        }
        await collect(repo, loader, included, roots, external, seen);
      }
      continue;
    }
    const what = item.kind === 'map' ? (str(get(item, 'template')) ?? str(get(item, 'remote')) ?? str(get(item, 'component')) ?? str(get(item, 'project'))) : str(item);
    if (what) external.push({ value: what, file: item.src.path, line: item.line });
    if (item.kind === 'map' && get(item, 'project')) for (const f of list(get(item, 'file'))) if (str(f)) external.push({ value: `${what}:${str(f)}`, file: f.src.path, line: f.line });
  }
  roots.push(root);
}

/** GitLab's deep merge: maps merge key by key, anything else is replaced by the later value. */
export function merge(a: YNode, b: YNode): YNode {
  if (a.kind !== 'map' || b.kind !== 'map') return b;
  const pairs = a.pairs.map((p) => {
    const over = b.pairs.find((q) => q.key === p.key);
    return over ? { ...over, value: merge(p.value, over.value) } : p;
  });
  for (const q of b.pairs) if (!a.pairs.some((p) => p.key === q.key)) pairs.push(q);
  return { ...b, pairs };
}

class JobResolver {
  private readonly cache = new Map<string, YMap | null>();
  constructor(private readonly config: YMap) {}

  resolve(name: string, depth = 0): YMap | null {
    if (this.cache.has(name)) return this.cache.get(name)!;
    if (depth > MAX_EXTENDS) return null;
    this.cache.set(name, null); // a cycle resolves to nothing instead of looping
    const own = get(this.config, name);
    if (own?.kind !== 'map') return null;
    let base: YNode | null = null;
    for (const parent of list(get(own, 'extends'))) {
      const resolved = str(parent) ? this.resolve(str(parent)!, depth + 1) : null;
      if (resolved) base = base ? merge(base, resolved) : resolved;
    }
    const body: YMap = { ...own, pairs: own.pairs.filter((p) => p.key !== 'extends') };
    const result = (base ? merge(base, body) : body) as YMap;
    this.cache.set(name, result);
    return result;
  }

  /** `!reference [job, key, …]`: the value at that path of the (extended) job. */
  reference(path: string[]): YNode | undefined {
    let node: YNode | undefined = path[0] ? (this.resolve(path[0]) ?? undefined) : undefined;
    for (const key of path.slice(1)) node = get(node, key);
    return node;
  }
}

function steps(job: YMap, defaults: YNode | undefined, globalBefore: YNode | undefined, globalAfter: YNode | undefined, resolver: JobResolver): CiStep[] {
  const inherit = get(get(job, 'inherit'), 'default');
  const inherits = (key: string) => inherit === undefined || isTrue(inherit) || list(inherit).some((n) => str(n) === key);
  const out: CiStep[] = [];
  for (const key of SCRIPT_KEYS) {
    let node = get(job, key);
    if (node === undefined && key !== 'script' && inherits(key)) node = get(defaults, key) ?? (key === 'before_script' ? globalBefore : globalAfter);
    for (const line of flatten(node, resolver, 0)) {
      const script = textOf(line);
      if (script) out.push({ file: script.file, line: script.line, name: key, script, inputs: new Map(), continueOnError: false, commands: [] });
    }
  }
  return out;
}

function flatten(node: YNode | undefined, resolver: JobResolver, depth: number): YNode[] {
  if (!node || depth > 10) return [];
  if (node.kind === 'seq' && node.tag === '!reference') {
    return flatten(resolver.reference(node.items.map((i) => str(i) ?? '')), resolver, depth + 1);
  }
  if (node.kind === 'seq') return node.items.flatMap((i) => flatten(i, resolver, depth + 1));
  return node.kind === 'scalar' ? [node] : [];
}
