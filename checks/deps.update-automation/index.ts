/**
 * deps.update-automation: something keeps dependencies moving — Dependabot or Renovate proposes
 * updates for the project's npm and Python manifests, or CI audits dependencies for known
 * vulnerabilities on its own. A bot that misses some manifests earns the share it covers.
 */
import picomatch from 'picomatch';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { ciFact } from '../../src/facts/ci/index.js';
import { dockerBaseImagesFact, lockfilesFact, manifestsFact } from '../../src/facts/deps/collect.js';
import { readUpdateBots, type DependabotEntry } from '../../src/facts/deps/update-bots.js';
import { auditSteps } from '../../src/facts/deps/audit-steps.js';
import type { RepoContext } from '../../src/context/repo-context.js';

interface Need {
  ecosystem: 'npm' | 'PyPI';
  dir: string;
}

export default defineCheck({
  meta: {
    id: 'deps.update-automation',
    title: 'Dependency updates automated',
    category: 'security',
    severity: 'medium',
    description: 'Dependabot or Renovate is configured for the project\'s manifests, or CI runs a dependency audit.',
  },
  async applies({ repo }) {
    const needs = await manifestDirs(repo);
    const images = await repo.fact(dockerBaseImagesFact);
    return needs.length + images.length > 0 || { applies: false, reason: 'no npm or Python dependencies and no Dockerfile' };
  },
  async run({ repo }) {
    const needs = await manifestDirs(repo);
    const bots = await readUpdateBots(repo);
    const audits = auditSteps(await repo.fact(ciFact));
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const p of bots.dependabot?.problems ?? []) {
      findings.push({ id: 'invalid-dependabot', message: `${bots.dependabot!.file}: ${p.message}`, file: bots.dependabot!.file, line: p.line, hint: 'see the dependabot.yml reference: version: 2, updates: [{package-ecosystem, directory, schedule: {interval}}]' });
    }
    for (const a of audits) notes.push(`${a.what} audits dependencies in CI (${a.file}:${a.line})`);

    const renovate = bots.renovate?.enabled ? bots.renovate : null;
    if (renovate) notes.push(`Renovate is configured in ${renovate.file}`);
    const entries = bots.dependabot?.entries ?? [];
    if (entries.length > 0) notes.push(`Dependabot updates ${entries.length} ecosystem/director${entries.length === 1 ? 'y' : 'ies'} (${bots.dependabot!.file})`);
    const covered = needs.filter((n) => (renovate && (renovate.ecosystems === null || renovate.ecosystems.includes(n.ecosystem))) || entries.some((e) => covers(e, n)));
    const hasBot = renovate !== null || entries.length > 0;

    if (!hasBot && audits.length === 0) {
      findings.push({
        id: 'no-update-automation',
        message: 'no Dependabot or Renovate configuration and no dependency audit in CI',
        hint: 'add .github/dependabot.yml with an entry per manifest folder (npm, pip, docker), or Renovate, or run `npm audit` / `pip-audit` / `mina check` in CI',
      });
      return { score: 0, findings, notes };
    }
    if (audits.length > 0 || needs.length === 0) return { score: 1, findings, notes };
    for (const n of needs.filter((x) => !covered.includes(x))) {
      findings.push({
        id: 'manifest-not-updated',
        message: `${n.ecosystem === 'PyPI' ? 'pip' : 'npm'} dependencies in ${n.dir || 'the root folder'} are not covered by the update bot`,
        file: bots.dependabot?.file ?? renovate?.file,
        line: bots.dependabot ? bots.dependabot.line : undefined,
        hint: `add an update entry: package-ecosystem: ${n.ecosystem === 'PyPI' ? 'pip' : 'npm'}, directory: /${n.dir}`,
      });
    }
    return { score: covered.length / needs.length, findings, notes };
  },
});

function covers(entry: DependabotEntry, need: Need): boolean {
  if (entry.ecosystem !== need.ecosystem) return false;
  return entry.directories.some((d) => d === need.dir || (/[*?[{]/.test(d) && picomatch(d, { dot: true })(need.dir)));
}

/** Folders whose npm or Python dependencies an update bot has to watch. */
async function manifestDirs(repo: RepoContext): Promise<Need[]> {
  const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const out = new Map<string, Need>();
  const add = (ecosystem: Need['ecosystem'], dir: string) => out.set(`${ecosystem}:${dir}`, { ecosystem, dir });
  const { manifests } = await repo.fact(manifestsFact);
  // a workspace package is updated through the lockfile at the workspace root
  for (const m of manifests) add(m.ecosystem, dirOf(m.lockfile ?? m.path));
  for (const lock of (await repo.fact(lockfilesFact)).locks) {
    if (lock.kind !== 'requirements') continue;
    const dir = dirOf(lock.path);
    // Dependabot's pip updater reads requirements/ folders from the folder above them
    add('PyPI', dir.split('/').pop() === 'requirements' ? dirOf(dir) : dir);
  }
  return [...out.values()].sort((a, b) => `${a.ecosystem}:${a.dir}`.localeCompare(`${b.ecosystem}:${b.dir}`));
}
