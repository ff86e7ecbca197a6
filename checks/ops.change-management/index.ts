/**
 * ops.change-management: changes are reviewed (CODEOWNERS or required reviews as code), described
 * (a PR/MR template) and recorded (a changelog or release-notes automation). One third each.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser, yamlValues } from '../../src/context/parsers/yaml.js';
import { jsonParser } from '../../src/context/parsers/json.js';
import { readDocument } from '../../src/facts/documents.js';

const CODEOWNERS = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];
const PR_TEMPLATES = [
  '{,.github/,docs/,.azuredevops/}pull_request_template.{md,txt}',
  '.github/PULL_REQUEST_TEMPLATE/*.{md,txt}',
  '.gitlab/merge_request_templates/*.md',
];
const CHANGELOGS = ['{,docs/}{CHANGELOG,CHANGES,HISTORY,NEWS,RELEASES,RELEASE_NOTES,RELEASE-NOTES}{,.md,.markdown,.rst,.txt,.adoc}'];
const RELEASE_AUTOMATION = [
  '.github/release.{yml,yaml}',
  'release-please-config.json',
  '.release-please-manifest.json',
  '.changeset/config.json',
  '.releaserc{,.json,.yml,.yaml,.js,.cjs,.mjs}',
  'release.config.{js,cjs,mjs}',
  'cliff.toml',
  '.goreleaser.{yml,yaml}',
];
/** `@user`, `@org/team` or an email address, per GitHub and GitLab CODEOWNERS syntax. */
const OWNER = /^(@[A-Za-z0-9][\w.-]*(\/[\w.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

export default defineCheck({
  meta: {
    id: 'ops.change-management',
    title: 'Change management: owners, PR template, changelog',
    category: 'ops',
    severity: 'low',
    description: 'CODEOWNERS or required reviews, a pull-request template, and a changelog or release notes.',
  },
  async run({ repo }) {
    const findings: Finding[] = [];
    const parts = [await reviews(repo, findings), await prTemplate(repo, findings), await changelog(repo, findings)];
    return { score: parts.filter(Boolean).length / parts.length, findings };
  },
});

async function reviews(repo: RepoContext, findings: Finding[]): Promise<boolean> {
  for (const entry of CODEOWNERS.map((p) => repo.file(p)).filter((f) => f !== undefined)) {
    const text = (await repo.text(entry.path)) ?? '';
    let rules = 0;
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line || /^\[.*\]/.test(line) || /^\^?\[/.test(line)) return; // blank, comment, GitLab section header
      const [, ...owners] = line.split(/\s+/);
      const bad = owners.filter((o) => !OWNER.test(o));
      if (bad.length) findings.push({ id: 'codeowners-invalid-owner', message: `"${bad[0]}" is not a valid owner (@user, @org/team or an email)`, file: entry.path, line: i + 1, hint: 'write owners as @user, @org/team or email; GitHub ignores the whole line otherwise' });
      else if (owners.length) rules++;
    });
    if (rules > 0) return true;
    findings.push({ id: 'codeowners-empty', message: 'CODEOWNERS assigns no owners', file: entry.path, line: 1, hint: 'add a rule such as `* @your-org/maintainers`' });
  }
  if (await settingsRequireReviews(repo)) return true;
  if (!findings.some((f) => f.id.startsWith('codeowners'))) {
    findings.push({ id: 'no-reviews', message: 'no CODEOWNERS file and no required reviews configured as code', hint: 'add .github/CODEOWNERS (e.g. `* @your-org/maintainers`) and require code-owner review in branch protection' });
  }
  return false;
}

/** Probot settings (`.github/settings.yml`) with required approving reviews on some branch. */
async function settingsRequireReviews(repo: RepoContext): Promise<boolean> {
  for (const path of ['.github/settings.yml', '.github/settings.yaml']) {
    const file = repo.has(path) ? await repo.parse(path, yamlParser) : null;
    for (const value of file ? yamlValues(file) : []) {
      const branches = (value as { branches?: unknown })?.branches;
      if (!Array.isArray(branches)) continue;
      for (const b of branches) {
        const count = (b as { protection?: { required_pull_request_reviews?: { required_approving_review_count?: unknown } } })?.protection
          ?.required_pull_request_reviews?.required_approving_review_count;
        if (typeof count === 'number' && count >= 1) return true;
      }
    }
  }
  return false;
}

async function prTemplate(repo: RepoContext, findings: Finding[]): Promise<boolean> {
  const templates = repo.glob(PR_TEMPLATES, { nocase: true });
  for (const t of templates) {
    if (((await repo.text(t.path)) ?? '').trim().length > 0) return true;
  }
  if (templates.length) findings.push({ id: 'pr-template-empty', message: 'the pull-request template is empty', file: templates[0].path, line: 1, hint: 'list what a reviewer needs: summary, testing done, rollout/rollback notes' });
  else findings.push({ id: 'no-pr-template', message: 'no pull-request template', hint: 'add .github/pull_request_template.md with sections for summary, testing and rollback' });
  return false;
}

async function changelog(repo: RepoContext, findings: Finding[]): Promise<boolean> {
  if (repo.glob(RELEASE_AUTOMATION).length > 0 || (await semanticReleaseInPackageJson(repo))) return true;
  const logs = repo.glob(CHANGELOGS, { nocase: true });
  for (const log of logs) {
    const doc = await readDocument(repo, log.path);
    // A title alone records nothing: an entry is a second heading or any content under one.
    const entries = doc ? doc.sections.filter((s, i) => (i > 0 && s.heading) || (s.hasContent && s.body.trim().split('\n').length > 1)) : [];
    if (entries.length > 0) return true;
  }
  if (logs.length) findings.push({ id: 'changelog-empty', message: 'the changelog has no entries', file: logs[0].path, line: 1, hint: 'record each release: version, date, and what changed' });
  else findings.push({ id: 'no-changelog', message: 'no CHANGELOG and no release-notes automation', hint: 'add CHANGELOG.md (Keep a Changelog format) or configure release-please / changesets / .github/release.yml' });
  return false;
}

async function semanticReleaseInPackageJson(repo: RepoContext): Promise<boolean> {
  const pkg = repo.has('package.json') ? await repo.parse('package.json', jsonParser) : null;
  return !!pkg?.value && typeof pkg.value === 'object' && 'release' in (pkg.value as object);
}
