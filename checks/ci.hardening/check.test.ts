import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const wf = (name: string) => `.github/workflows/${name}`;

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'hardened', name: 'read-only top level, job-level packages: write, SHA-pinned actions and digest-pinned container, title via env' },
    { fixture: 'reusable-inherits', name: 'a workflow_call-only workflow takes its caller\'s permissions' },
    { fixture: 'job-level-only', name: 'no top-level permissions but every job sets its own' },
    { fixture: 'pr-target-labeler', name: 'pull_request_target that checks out the base ref only; number and head SHA are safe to echo' },
    { fixture: 'safe-expressions', name: 'event_name, sha, PR number, sender login and matrix values are not attacker text' },
    { fixture: 'github-owned-unpinned', name: 'githubOwnedSeverity: off ignores actions/* tags', options: { githubOwnedSeverity: 'off' } },
    { fixture: 'malformed-and-good', name: 'a malformed workflow is noted, not thrown; the good one is assessed' },
  ],
  invalid: [
    { fixture: 'no-permissions', score: 0.75, findings: [{ id: 'missing-permissions', file: wf('ci.yml'), line: 1, severity: 'medium' }] },
    { fixture: 'write-all', findings: [{ id: 'permissions-write-all', file: wf('deploy.yml'), line: 4, severity: 'high' }] },
    {
      fixture: 'top-level-write',
      name: 'top-level packages: write plus a job with write-all',
      score: 0.75,
      findings: [
        { id: 'top-level-write', file: wf('ci.yml'), line: 4, severity: 'medium' },
        { id: 'permissions-write-all', file: wf('ci.yml'), line: 13 },
      ],
    },
    {
      fixture: 'unpinned',
      name: 'tags, branches and container tags are movable; remote reusable workflows count too',
      findings: [
        { id: 'unpinned-action', file: wf('ci.yml'), line: 8, severity: 'low' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 9, severity: 'high' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 10, severity: 'high' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 11, severity: 'high' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 13, severity: 'high' },
      ],
    },
    {
      fixture: 'github-owned-unpinned',
      name: 'githubOwnedSeverity: medium raises actions/* findings',
      options: { githubOwnedSeverity: 'medium' },
      score: [0.8, 0.9],
      findings: [
        { id: 'unpinned-action', file: wf('ci.yml'), line: 8, severity: 'medium' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 9, severity: 'medium' },
      ],
    },
    {
      fixture: 'github-owned-unpinned',
      name: 'by default actions/* tags are low severity and cost little',
      score: [0.9, 0.99],
      findings: [
        { id: 'unpinned-action', file: wf('ci.yml'), line: 8, severity: 'low' },
        { id: 'unpinned-action', file: wf('ci.yml'), line: 9, severity: 'low' },
      ],
    },
    { fixture: 'pwn-request', name: 'pull_request_target checks out the PR head SHA', score: 0.75, findings: [{ id: 'untrusted-checkout', file: wf('pr-build.yml'), line: 11, severity: 'critical' }] },
    {
      fixture: 'pr-target-merge-commit',
      name: 'label-gated pull_request_target checking out the merge commit (YAML 1.1 `on` key) is still a pwn request',
      findings: [{ id: 'untrusted-checkout', file: wf('integration.yml'), line: 16, severity: 'critical' }],
    },
    {
      fixture: 'workflow-run-head',
      name: 'workflow_run fetches the triggering head and runs gh pr checkout',
      findings: [
        { id: 'top-level-write', file: wf('report.yml'), line: 7 },
        { id: 'untrusted-checkout', file: wf('report.yml'), line: 15 },
        { id: 'untrusted-checkout', file: wf('report.yml'), line: 17 },
      ],
    },
    { fixture: 'reusable-pr-target', name: 'a reusable workflow called from pull_request_target inherits the event', findings: [{ id: 'untrusted-checkout', file: wf('build.yml'), line: 9 }] },
    {
      fixture: 'issue-title-injection',
      name: 'issue title in a run: block, on its own line, critical on issues events; top-level write flagged even for one job',
      findings: [
        { id: 'top-level-write', file: wf('triage.yml'), line: 5 },
        { id: 'script-injection', file: wf('triage.yml'), line: 13, severity: 'critical' },
      ],
    },
    {
      fixture: 'head-ref-injection',
      name: 'branch name and commit message in a folded run: on pull_request',
      findings: [
        { id: 'script-injection', file: wf('preview.yml'), line: 10, severity: 'high' },
        { id: 'script-injection', file: wf('preview.yml'), line: 11, severity: 'high' },
      ],
    },
    { fixture: 'composite-injection', name: 'composite action step interpolating the PR title', findings: [{ id: 'script-injection', file: '.github/actions/notify/action.yml', line: 8 }] },
    {
      fixture: 'github-script-injection',
      name: 'comment body pasted into actions/github-script JavaScript',
      findings: [
        { id: 'top-level-write', file: wf('comment.yml'), line: 3 },
        { id: 'script-injection', file: wf('comment.yml'), line: 11, severity: 'critical' },
      ],
    },
  ],
  notApplicable: [{ fixture: 'gitlab-only' }, { fixture: 'only-malformed', name: 'the only workflow does not parse: nothing runs, nothing to harden' }],
});
