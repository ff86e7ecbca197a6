/**
 * The small readers under the CI fact: shell commands, GitHub triggers and `if:` guards, GitLab
 * rules, and positions of lines inside block scalars.
 */
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { splitShell, unwrap } from '../../src/facts/ci/shell.js';
import { narrowByIf, readOn } from '../../src/facts/ci/github-events.js';
import { ifSources, jobEvents, workflowSources } from '../../src/facts/ci/gitlab-rules.js';
import { toTree, get, type YNode } from '../../src/facts/ci/yaml-tree.js';
import { textOf } from '../../src/facts/ci/ci-text.js';
import { lexGroovy } from '../../src/facts/ci/jenkins.js';

function tree(src: string): YNode {
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { lineCounter });
  return toTree(doc, { path: 'x.yml', text: src, lineAt: (o) => lineCounter.linePos(o).line })!;
}

const commands = (s: string) => splitShell(s).flatMap((c) => unwrap(c.argv).map((a) => a.join(' ')));

describe('shell commands', () => {
  it.each([
    ['npm ci && npm test', ['npm ci', 'npm test']],
    ['FOO=1 sudo -E npx -y jest@29 --ci', ['jest --ci']],
    ['poetry run python -m pytest -q', ['pytest -q']],
    ['coverage run -m pytest; coverage xml', ['pytest', 'coverage xml']],
    ['docker compose run --rm -e X=1 app npm test', ['docker compose run --rm -e X=1 app npm test', 'npm test']],
    ['bash -c "make lint && make test"', ['bash -c make lint && make test', 'make lint', 'make test']],
    ['npm test > out.log 2>&1 || true', ['npm test', 'true']],
    ['cat <<EOF > x\nnpm publish\nEOF\ngo test ./...', ['cat', 'go test ./...']],
    ["echo 'a && b' # npm test", ['echo a && b']],
    ['./node_modules/.bin/vitest run \\\n  --coverage', ['vitest run --coverage']],
    ['if [ -f x ]; then pytest; fi', ['[ -f x ]', 'pytest']],
    ['docker run --rm -v "$PWD:/src" -w /src node:20 npm test', ['docker run --rm -v $PWD:/src -w /src node:20 npm test', 'npm test']],
    ['uvx --from ruff ruff check', ['ruff check']],
  ])('%s', (script, expected) => {
    expect(commands(script)).toEqual(expected);
  });

  it('stays linear on pathological input', () => {
    const evil = `${'"\\'.repeat(50_000)} ${"'".repeat(10_001)} ${'$('.repeat(20_000)}`;
    expect(() => splitShell(evil)).not.toThrow();
    expect(splitShell('x '.repeat(200_000)).length).toBe(1);
  });
});

describe('GitHub triggers', () => {
  const events = (src: string) => [...readOn(get(tree(src), 'on'), 'x.yml').events].sort();
  it.each([
    ['on: push', ['push']],
    ['on: [push, pull_request, workflow_dispatch]', ['manual', 'pull_request', 'push']],
    ['on:\n  push:\n    tags: ["v*"]', ['tag']],
    ['on:\n  push:\n    branches: [main]\n    tags: ["v*"]', ['push', 'tag']],
    ['on:\n  pull_request:\n    types: [closed]', ['other']],
    ['on:\n  pull_request:\n    types: [opened, labeled]', ['pull_request']],
    ['on:\n  schedule:\n    - cron: "0 0 * * *"\n  workflow_call:', ['schedule', 'workflow_call']],
    ['on: [issues, issue_comment, pull_request_target]', ['comment', 'pull_request_target']],
  ])('%s', (src, expected) => expect(events(src)).toEqual(expected));

  it('narrows by if: guards, but not through ||', () => {
    const all = new Set(['push', 'pull_request', 'tag'] as const);
    expect([...narrowByIf(all, "github.event_name == 'push'")].sort()).toEqual(['push', 'tag']);
    expect([...narrowByIf(all, "${{ github.ref == 'refs/heads/main' }}")]).toEqual(['push']);
    expect([...narrowByIf(all, "startsWith(github.ref, 'refs/tags/')")]).toEqual(['tag']);
    expect([...narrowByIf(all, "github.event_name != 'pull_request'")].sort()).toEqual(['push', 'tag']);
    expect([...narrowByIf(all, "github.event_name == 'push' || github.event_name == 'pull_request'")].sort()).toEqual(['pull_request', 'push', 'tag']);
  });
});

describe('GitLab rules', () => {
  const job = (src: string, workflow?: string) => {
    const sources = workflowSources(workflow ? get(tree(workflow), 'workflow') : undefined);
    const r = jobEvents(tree(src), sources);
    return { events: [...r.events].sort(), manual: r.manual };
  };
  it('defaults to branch and tag pipelines', () => expect(job('script: x').events).toEqual(['manual', 'pull_request', 'push', 'schedule', 'tag']));
  it('MR rules', () => expect(job('rules:\n  - if: $CI_PIPELINE_SOURCE == "merge_request_event"').events).toEqual(['pull_request']));
  it('default branch only', () => expect(job('rules:\n  - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH').events).toEqual(['manual', 'push', 'schedule']));
  it('never excludes precisely, then always', () => {
    expect(job('rules:\n  - if: $CI_COMMIT_TAG\n    when: never\n  - when: always').events).toEqual(['manual', 'pull_request', 'push', 'schedule']);
  });
  it('changes: cannot exclude for sure', () => {
    expect(job('rules:\n  - if: $CI_PIPELINE_SOURCE == "push"\n    changes: [docs/**]\n    when: never\n  - when: on_success').events).toContain('push');
  });
  it('manual rules', () => expect(job('rules:\n  - if: $CI_COMMIT_BRANCH == "main"\n    when: manual')).toEqual({ events: ['manual', 'push', 'schedule'], manual: true }));
  it('only/except', () => {
    expect(job('only: [main]').events).toEqual(['manual', 'push', 'schedule']);
    expect(job('only: [merge_requests]').events).toEqual(['pull_request']);
    expect(job('only: {refs: [tags]}').events).toEqual(['tag']);
    expect(job('except: [tags]').events).toEqual(['manual', 'pull_request', 'push', 'schedule']);
  });
  it('workflow rules bound every job', () => {
    const wf = 'workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS\n      when: never\n    - if: $CI_COMMIT_BRANCH\n';
    expect(job('script: x', wf).events).toEqual(['manual', 'pull_request', 'push', 'schedule']);
    expect([...ifSources('$CI_MERGE_REQUEST_IID || $CI_COMMIT_TAG').s].sort()).toEqual(['mr', 'tag']);
  });
});

describe('positions', () => {
  it('maps lines inside literal and folded block scalars', () => {
    const src = 'steps:\n  - run: |\n      echo a\n      echo ${{ x }}\n  - run: >\n      one\n      two ${{ y }}\n';
    const steps = get(tree(src), 'steps');
    const [lit, fold] = steps!.kind === 'seq' ? steps!.items.map((s) => textOf(get(s, 'run'))!) : [];
    expect(lit.lineAt(lit.text.indexOf('${{'))).toBe(4);
    expect(fold.lineAt(fold.text.indexOf('${{'))).toBe(7);
    expect(fold.lineAt(0)).toBe(6);
  });

  it('expands merge keys with explicit keys winning', () => {
    const t = tree('base: &b {image: a, stage: test}\njob:\n  <<: *b\n  image: c\n');
    const job = get(t, 'job');
    expect([get(job, 'image'), get(job, 'stage')].map((n) => (n?.kind === 'scalar' ? n.value : null))).toEqual(['c', 'test']);
  });

  it('lexes Groovy strings and comments', () => {
    const t = lexGroovy("// stage('no')\nstage(\"Test\") { sh '''\nnpm test\n''' /* sh 'x' */ }");
    expect(t.filter((x) => x.kind === 'string').map((x) => x.value)).toEqual(['Test', '\nnpm test\n']);
  });
});
