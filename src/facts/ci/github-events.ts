/**
 * GitHub Actions triggers: `on:` in its three shapes (string, list, map with filters) mapped to
 * normalised events, and the common `if:` guards that narrow a job to some of them
 * (`github.event_name == 'push'`, `github.ref == 'refs/heads/main'`).
 */
import type { CiEvent, Located } from './model.js';
import { get, list, str, type YNode } from './yaml-tree.js';

const PR_RUN_TYPES = new Set(['opened', 'synchronize', 'reopened']);

export function githubEvent(name: string): CiEvent {
  switch (name) {
    case 'push':
      return 'push';
    case 'pull_request':
      return 'pull_request';
    case 'pull_request_target':
      return 'pull_request_target';
    case 'merge_group':
      return 'merge_group';
    case 'schedule':
      return 'schedule';
    case 'workflow_dispatch':
    case 'repository_dispatch':
      return 'manual';
    case 'workflow_run':
      return 'workflow_run';
    case 'workflow_call':
      return 'workflow_call';
    case 'release':
    case 'registry_package':
      return 'release';
    case 'issue_comment':
    case 'issues':
    case 'discussion':
    case 'discussion_comment':
      return 'comment';
    default:
      return 'other';
  }
}

export function readOn(node: YNode | undefined, file: string): { events: Set<CiEvent>; triggers: Located<string>[] } {
  const events = new Set<CiEvent>();
  const triggers: Located<string>[] = [];
  const entries: { name: string; line: number; config?: YNode }[] =
    node?.kind === 'map' ? node.pairs.map((p) => ({ name: p.key, line: p.line, config: p.value })) : list(node).map((n) => ({ name: str(n) ?? '', line: n.line }));
  for (const { name, line, config } of entries) {
    if (!name) continue;
    triggers.push({ value: name, file, line });
    for (const e of eventsOf(name, config)) events.add(e);
  }
  return { events, triggers };
}

function eventsOf(name: string, config: YNode | undefined): CiEvent[] {
  const event = githubEvent(name);
  if (event === 'push') {
    const branches = get(config, 'branches') !== undefined || get(config, 'branches-ignore') !== undefined;
    const tags = get(config, 'tags') !== undefined || get(config, 'tags-ignore') !== undefined;
    // A push filter naming only tags runs on tag pushes alone (a release, not CI).
    if (tags && !branches) return ['tag'];
    return tags ? ['push', 'tag'] : ['push'];
  }
  if (event === 'pull_request') {
    const types = list(get(config, 'types')).map(str);
    if (types.length && !types.some((t) => t && PR_RUN_TYPES.has(t))) return ['other'];
  }
  return [event];
}

/**
 * Narrows events by a job's `if:`. Only conjunctions are read: an `||` could let anything through,
 * so such a condition leaves the events as they are.
 */
export function narrowByIf(events: ReadonlySet<CiEvent>, condition: string | undefined): Set<CiEvent> {
  const out = new Set(events);
  if (!condition) return out;
  const c = condition.replace(/^\s*\$\{\{/, '').replace(/\}\}\s*$/, '');
  if (c.includes('||')) return out;
  const keep = (allowed: CiEvent[]) => {
    for (const e of [...out]) if (!allowed.includes(e)) out.delete(e);
  };
  for (const m of c.matchAll(/github\.event_name\s*(==|!=)\s*['"](\w{1,40})['"]/g)) {
    const named = m[2] === 'push' ? (['push', 'tag'] as CiEvent[]) : [githubEvent(m[2])];
    if (m[1] === '==') keep(named);
    else for (const e of named) out.delete(e);
  }
  if (/github\.ref\s*==\s*['"]refs\/heads\/|github\.ref_name\s*==|github\.ref\s*==\s*format\(\s*['"]refs\/heads\//.test(c)) {
    // A pull request's ref is refs/pull/N/merge, and a tag push's ref is refs/tags/…
    out.delete('pull_request');
    out.delete('pull_request_target');
    out.delete('tag');
  }
  if (/github\.ref\s*==\s*['"]refs\/tags\/|startsWith\(\s*github\.ref\s*,\s*['"]refs\/tags\//.test(c)) keep(['tag', 'release', 'manual']);
  return out;
}
