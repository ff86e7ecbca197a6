/**
 * Operational documents: runbooks for the topics ops.runbooks misses, SECURITY.md with a private
 * reporting channel (ops.security-policy), CODEOWNERS, a pull-request template and a changelog
 * (ops.change-management), and the incident-response guide with a postmortem template
 * (incident.response). Only what a finding says is missing is written.
 */
import type { FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { render } from '../template/load.js';
import { CODE_OWNER, REPO_PATH, type TemplateScope } from '../template/values.js';
import { backupScope } from './backups.js';
import { baseScope, failing, findingIds, k8sTarget, statusOf, tok } from './common.js';

const TOPICS = ['deploy', 'rollback', 'restore', 'alerts'] as const;

export const runbooksScaffold: Scaffold = {
  id: 'runbooks',
  title: 'Runbooks: deploy, rollback, restore, alerts',
  answers: ['ops.runbooks'],
  offer(ctx) {
    return failing(ctx, 'ops.runbooks') ? { preselect: true, reason: `ops.runbooks is ${statusOf(ctx, 'ops.runbooks')}` } : null;
  },
  async files(ctx) {
    const ids = findingIds(ctx, 'ops.runbooks');
    const topics = TOPICS.filter((t) => ids.has('missing') || ids.has(`missing-${t}`) || !ctx.before.has('ops.runbooks'));
    const target = k8sTarget(ctx);
    const helm = !target?.greenfield && ctx.stack.k8s.layout === 'helm';
    const scope: TemplateScope = { ...(await backupScope(ctx)), container: tok(target?.container ?? 'app'), helm, chartDir: tok(ctx.stack.k8s.dir ?? '.', REPO_PATH) };
    return topics.map((t) => ({ path: `docs/runbooks/${t}.md`, format: 'markdown' as const, content: render(`docs/runbooks/${t}.md.tmpl`, scope, 'markdown') }));
  },
};

export const securityPolicyScaffold: Scaffold = {
  id: 'security-policy',
  title: 'SECURITY.md with a private reporting channel',
  answers: ['ops.security-policy'],
  offer(ctx) {
    return failing(ctx, 'ops.security-policy') ? { preselect: true, reason: `ops.security-policy is ${statusOf(ctx, 'ops.security-policy')}` } : null;
  },
  files(ctx): FileSpec[] {
    const { git } = ctx.stack;
    const github = git.host === 'github.com' && git.owner && git.repo;
    const email = ctx.answers.securityContact;
    const scope: TemplateScope = {
      ...baseScope(ctx),
      advisoryUrl: github ? [{ url: tok(`https://github.com/${git.owner}/${git.repo}/security/advisories/new`) }] : false,
      contact: email ? [{ email: tok(email, /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,}$/) }] : false,
    };
    return [{ path: 'SECURITY.md', format: 'markdown', content: render('docs/SECURITY.md.tmpl', scope, 'markdown') }];
  },
};

export const changeManagementScaffold: Scaffold = {
  id: 'change-management',
  title: 'CODEOWNERS, pull-request template and CHANGELOG',
  answers: ['ops.change-management'],
  offer(ctx) {
    return failing(ctx, 'ops.change-management') ? { preselect: true, reason: `ops.change-management is ${statusOf(ctx, 'ops.change-management')}` } : null;
  },
  files(ctx): FileSpec[] {
    const ids = findingIds(ctx, 'ops.change-management');
    const all = !ctx.before.has('ops.change-management');
    const target = k8sTarget(ctx);
    const out: FileSpec[] = [];
    if (all || ids.has('no-reviews')) {
      const scope = { owner: tok(ctx.answers.codeOwner, CODE_OWNER), k8sDir: target && REPO_PATH.test(target.dir) ? [{ dir: tok(target.dir, REPO_PATH) }] : false };
      out.push({ path: '.github/CODEOWNERS', format: 'text', content: render('docs/CODEOWNERS.tmpl', scope, 'text') });
    }
    if (all || ids.has('no-pr-template')) out.push({ path: '.github/pull_request_template.md', format: 'markdown', content: render('docs/pull_request_template.md.tmpl', {}, 'markdown') });
    if (all || ids.has('no-changelog')) {
      const scope = { name: ctx.answers.name, scaffolded: scaffoldedSummary(ctx) };
      out.push({ path: 'CHANGELOG.md', format: 'markdown', content: render('docs/CHANGELOG.md.tmpl', scope, 'markdown') });
    }
    return out;
  },
};

export const incidentResponseScaffold: Scaffold = {
  id: 'incident-response',
  title: 'Incident-response guide and postmortem template',
  answers: ['incident.response'],
  offer(ctx) {
    if (!failing(ctx, 'incident.response')) return null;
    if (!ctx.before.has('incident.response') && ['docs/incident-response.md', 'docs/postmortem-template.md'].every((p) => ctx.repo.has(p))) return null;
    return { preselect: true, reason: `incident.response is ${statusOf(ctx, 'incident.response')}` };
  },
  files(ctx): FileSpec[] {
    const scope: TemplateScope = { name: ctx.answers.name, oncall: ctx.answers.codeOwner };
    return [
      { path: 'docs/incident-response.md', format: 'markdown', content: render('docs/incident-response.md.tmpl', scope, 'markdown') },
      { path: 'docs/postmortem-template.md', format: 'markdown', content: render('docs/postmortem-template.md.tmpl', {}, 'markdown') },
    ];
  },
};

function scaffoldedSummary(ctx: ScaffoldContext): string {
  const names: Record<string, string> = { dockerfile: 'Dockerfile', ci: 'CI workflow', 'readiness-gate': 'readiness gate', deploy: 'deploy workflow', dependabot: 'Dependabot', kubernetes: 'Kubernetes manifests', 'k8s-policies': 'network policies', backups: 'database backups', alerts: 'alert rules', runbooks: 'runbooks', 'security-policy': 'security policy', 'incident-response': 'incident response guide', 'change-management': 'code owners, pull-request template' };
  const list = ctx.answers.scaffolds.map((s) => names[s]).filter(Boolean);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list.join('');
}
