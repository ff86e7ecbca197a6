/**
 * When a GitLab job runs: `workflow:rules`, job `rules` (first match wins, `when: never` excludes,
 * `when: manual` waits for a person) and the older `only`/`except`, evaluated over the pipeline
 * sources a job can be created in. `if:` expressions are read as a disjunction of conjunctions of
 * the predefined variables that tell sources apart; anything else is assumed to be able to match.
 */
import type { CiEvent } from './model.js';
import { get, list, str, type YNode } from './yaml-tree.js';

/** Pipeline sources: a push to a non-default branch, to the default (or a named) branch, an MR, a tag, a schedule, an API/web run. */
type Source = 'branch' | 'default' | 'mr' | 'tag' | 'schedule' | 'api';
type Sources = Set<Source>;

const ALL: Source[] = ['branch', 'default', 'mr', 'tag', 'schedule', 'api'];
/** Without rules or only/except a job runs in branch and tag pipelines, not in MR pipelines. */
const DEFAULT_JOB: Source[] = ['branch', 'default', 'tag', 'schedule', 'api'];
const BRANCH_VAR: Source[] = ['branch', 'default', 'schedule', 'api'];
const NAMED_BRANCH: Source[] = ['default', 'schedule', 'api'];

const sources = (s: readonly Source[]): Sources => new Set(s);
const intersect = (a: Sources, b: Sources): Sources => new Set([...a].filter((x) => b.has(x)));
const complement = (a: Sources): Sources => new Set(ALL.filter((x) => !a.has(x)));

function pipelineSource(name: string): Source[] {
  if (name === 'push') return ['branch', 'default', 'tag'];
  if (name === 'merge_request_event' || name === 'external_pull_request_event') return ['mr'];
  if (name === 'schedule') return ['schedule'];
  return ['api'];
}

function varClass(name: string): Source[] | null {
  if (name.startsWith('CI_MERGE_REQUEST_') || name === 'CI_EXTERNAL_PULL_REQUEST_IID') return ['mr'];
  if (name === 'CI_COMMIT_TAG') return ['tag'];
  if (name === 'CI_COMMIT_BRANCH') return BRANCH_VAR;
  if (name === 'CI_OPEN_MERGE_REQUESTS') return ['branch', 'default'];
  return null;
}

/** One comparison or variable test → the sources it can be true in, and whether that is exact. */
function atom(raw: string): { s: Sources; precise: boolean } {
  const a = raw.trim().replace(/^\(+|\)+$/g, '').trim();
  const src = /^\$CI_PIPELINE_SOURCE\s*(==|!=)\s*["']?(\w+)["']?$/.exec(a);
  if (src) {
    const s = sources(pipelineSource(src[2]));
    return { s: src[1] === '==' ? s : complement(s), precise: true };
  }
  const branchCmp = /^\$(CI_COMMIT_BRANCH|CI_COMMIT_REF_NAME)\s*(==|!=|=~|!~)\s*(\S.*)$/.exec(a);
  if (branchCmp && !/^null$|^["']{2}$/.test(branchCmp[3].trim())) {
    const positive = branchCmp[2] === '==' || branchCmp[2] === '=~';
    const vsDefault = branchCmp[3].trim() === '$CI_DEFAULT_BRANCH';
    if (positive) return { s: sources(NAMED_BRANCH), precise: true };
    return vsDefault && branchCmp[1] === 'CI_COMMIT_BRANCH' ? { s: sources(['branch']), precise: true } : { s: sources(ALL), precise: false };
  }
  const test = /^\$(\w+)(?:\s*(==|!=|=~|!~)\s*(\S.*))?$/.exec(a);
  const cls = test ? varClass(test[1]) : null;
  if (test && cls) {
    // Set only while a merge request is open: it tells branch pipelines apart by state, not source.
    if (test[1] === 'CI_OPEN_MERGE_REQUESTS') return { s: sources(cls), precise: false };
    const isNull = test[3] !== undefined && /^(null|""|'')$/.test(test[3].trim());
    if (!test[2] || (test[2] === '!=' && isNull)) return { s: sources(cls), precise: true };
    if (test[2] === '==' && isNull) return { s: complement(sources(cls)), precise: true };
    if (test[2] === '==' || test[2] === '=~') return { s: sources(cls), precise: false };
  }
  return { s: sources(ALL), precise: false };
}

export function ifSources(expr: string): { s: Sources; precise: boolean } {
  const out: Sources = new Set();
  let precise = true;
  for (const alt of expr.split('||')) {
    let s = sources(ALL);
    for (const part of alt.split('&&')) {
      const r = atom(part);
      s = intersect(s, r.s);
      precise &&= r.precise;
    }
    for (const x of s) out.add(x);
  }
  return { s: out, precise };
}

/** `rules:` → sources where the job is added automatically and where it waits for a person. */
function evalRules(rules: YNode, base: Sources): { auto: Sources; manual: Sources } {
  let remaining = new Set(base);
  const auto: Sources = new Set();
  const manual: Sources = new Set();
  for (const rule of list(rules)) {
    if (rule.kind !== 'map') continue;
    const cond = str(get(rule, 'if'));
    const m = cond ? ifSources(cond) : { s: sources(ALL), precise: true };
    // changes:/exists: make a rule depend on files: it may match, but it cannot exclude for sure.
    const fileBound = get(rule, 'changes') !== undefined || get(rule, 'exists') !== undefined;
    const hit = intersect(m.s, remaining);
    const when = str(get(rule, 'when')) ?? 'on_success';
    if (when !== 'never') for (const x of hit) (when === 'manual' ? manual : auto).add(x);
    if (m.precise && !fileBound) remaining = new Set([...remaining].filter((x) => !hit.has(x)));
  }
  return { auto, manual };
}

const ONLY_KEYWORDS: Record<string, Source[]> = {
  branches: ['branch', 'default'],
  tags: ['tag'],
  merge_requests: ['mr'],
  external_pull_requests: ['mr'],
  schedules: ['schedule'],
  pushes: ['branch', 'default', 'tag'],
  web: ['api'],
  api: ['api'],
  triggers: ['api'],
  pipelines: ['api'],
  chat: ['api'],
};

function refsOf(node: YNode | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  const refs = node.kind === 'map' ? get(node, 'refs') : node;
  if (node.kind === 'map' && refs === undefined) return undefined;
  return list(refs).map((n) => str(n) ?? '').filter(Boolean);
}

function onlyExcept(only: YNode | undefined, except: YNode | undefined): Sources {
  const onlyRefs = refsOf(only);
  let s: Sources = onlyRefs ? new Set() : sources(DEFAULT_JOB);
  // A branch name or /regex/ selects specific branches: pushed, but not every MR's source branch.
  for (const ref of onlyRefs ?? []) for (const x of ONLY_KEYWORDS[ref] ?? NAMED_BRANCH) s.add(x);
  for (const ref of refsOf(except) ?? []) if (ONLY_KEYWORDS[ref]) s = new Set([...s].filter((x) => !ONLY_KEYWORDS[ref].includes(x)));
  return s;
}

export function workflowSources(workflow: YNode | undefined): Sources {
  const rules = get(workflow, 'rules');
  if (!rules) return sources(ALL);
  const r = evalRules(rules, sources(ALL));
  return new Set([...r.auto, ...r.manual]);
}

export function jobEvents(job: YNode, pipeline: Sources): { events: Set<CiEvent>; manual: boolean } {
  const rules = get(job, 'rules');
  let auto: Sources;
  let manual: Sources;
  if (rules) ({ auto, manual } = evalRules(rules, pipeline));
  else {
    const s = intersect(onlyExcept(get(job, 'only'), get(job, 'except')), pipeline);
    const isManual = str(get(job, 'when')) === 'manual';
    auto = isManual ? new Set() : s;
    manual = isManual ? s : new Set();
  }
  auto = intersect(auto, pipeline);
  manual = intersect(manual, pipeline);
  return auto.size ? { events: toEvents(auto), manual: false } : { events: toEvents(manual), manual: manual.size > 0 };
}

export function toEvents(s: Sources): Set<CiEvent> {
  const e = new Set<CiEvent>();
  if (s.has('branch')) e.add('push').add('pull_request');
  if (s.has('default')) e.add('push');
  if (s.has('mr')) e.add('pull_request');
  if (s.has('tag')) e.add('tag');
  if (s.has('schedule')) e.add('schedule');
  if (s.has('api')) e.add('manual');
  return e;
}
