/**
 * deps.vulnerabilities: no locked or pinned dependency has a known vulnerability at or above the
 * rubric's `minSeverity`. Every lockfile of the tree is matched against OSV data (local database,
 * the `mina db update` cache, or the OSV API); the notes say which data and how old it is.
 */
import { defineCheck, severityRank, SEVERITIES, type Finding, type Severity } from '../../src/engine/check-api.js';
import { lockfilesFact } from '../../src/facts/deps/collect.js';
import type { LockedPackage } from '../../src/facts/deps/model.js';
import { NoAdvisoryDataError, openAdvisorySource, type PackageQuery } from '../../src/advisories/advisory-source.js';
import { rateMatches, upgradeTarget, worstSeverity, type RatedMatch } from '../../src/advisories/advice.js';
import { dataAgeDays, describeSource } from '../../src/advisories/data-age.js';

interface Options {
  minSeverity: Severity;
  unknownSeverity: Severity;
  maxAgeDays: number;
  ignore: string[];
}

export default defineCheck<Options>({
  meta: {
    id: 'deps.vulnerabilities',
    title: 'No known vulnerabilities in locked dependencies',
    category: 'security',
    severity: 'critical',
    description: 'No locked or pinned dependency (npm, yarn, pnpm, bun, pip, Pipfile, poetry, uv, pdm) has a known OSV advisory at or above the threshold.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minSeverity: { enum: [...SEVERITIES], default: 'high' },
        unknownSeverity: { enum: [...SEVERITIES], default: 'high' },
        maxAgeDays: { type: 'number', minimum: 0, default: 7 },
        ignore: { type: 'array', items: { type: 'string' }, default: [] },
      },
    },
  },
  async applies({ repo }) {
    const facts = await repo.fact(lockfilesFact);
    const any = facts.skipped.length > 0 || facts.locks.some((l) => l.packages.length > 0 || (l.kind !== 'requirements' && l.problems.length > 0));
    return any || { applies: false, reason: 'no lockfile and no pinned (==) requirement' };
  },
  async run({ repo, options, settings, signal }) {
    const { locks, skipped } = await repo.fact(lockfilesFact);
    const source = await openAdvisorySource(settings);
    const notes = [describeSource(source.info)];
    const findings: Finding[] = [];

    const occurrences: Array<{ file: string; pkg: LockedPackage }> = [];
    for (const lock of locks) {
      const seen = new Set<string>();
      for (const pkg of lock.packages) {
        const key = `${pkg.name}@${pkg.version}`;
        if (!seen.has(key)) occurrences.push({ file: lock.path, pkg });
        seen.add(key);
      }
      if (lock.packages.length === 0 && lock.problems.length > 0 && lock.kind !== 'requirements') {
        const p = lock.problems[0];
        findings.push({ id: 'unreadable-lockfile', message: `${lock.path} could not be read (${p.message}); its dependencies were not checked`, file: lock.path, line: p.line, severity: 'high', hint: 'fix or regenerate the lockfile' });
      }
    }
    for (const s of skipped) {
      findings.push({ id: 'lockfile-skipped', message: `${s.path} was not read (${s.reason}); its dependencies were not checked`, file: s.path, severity: 'high', hint: 'raise limits.maxFileSize in mina.yaml' });
    }

    const covered = occurrences.filter((o) => source.info.ecosystems.includes(o.pkg.ecosystem));
    if (covered.length === 0 && occurrences.length > 0) {
      const missing = [...new Set(occurrences.map((o) => o.pkg.ecosystem))].join(' and ');
      throw new NoAdvisoryDataError(`the advisory data (${source.info.location}) has no ${missing} records, so nothing could be checked: run \`mina db update\` or pass --advisory-db with ${missing} data`);
    }
    const queries = unique(covered.map((o) => o.pkg));
    const matches = await source.match(queries, signal);
    const byKey = new Map(queries.map((q, i) => [queryKey(q), matches[i]]));
    const ignored = new Set(options.ignore);
    let failing = 0;
    let below = 0;
    for (const { file, pkg } of covered) {
      const hits = (byKey.get(queryKey(pkg)) ?? []).filter((m) => !ignored.has(m.record.id) && !m.record.aliases.some((a) => ignored.has(a)));
      if (hits.length === 0) continue;
      const rated = rateMatches(hits, pkg.ecosystem, pkg.version, options.unknownSeverity);
      const severity = rated.some((r) => r.id.startsWith('MAL-')) ? 'critical' : worstSeverity(rated);
      if (severityRank(severity) <= severityRank(options.minSeverity)) failing++;
      else below++;
      findings.push(vulnerabilityFinding(file, pkg, rated, severity));
    }

    const uncovered = occurrences.length - covered.length;
    for (const eco of new Set(occurrences.filter((o) => !source.info.ecosystems.includes(o.pkg.ecosystem)).map((o) => o.pkg.ecosystem))) {
      findings.push({ id: 'ecosystem-not-covered', message: `the advisory data has no ${eco} records: ${eco} dependencies were not checked`, severity: 'high', hint: 'run `mina db update` (npm and PyPI) or point --advisory-db at data for every ecosystem' });
    }
    const age = dataAgeDays(source.info);
    if (age !== null && age > options.maxAgeDays) {
      findings.push({ id: 'stale-advisory-data', message: `the advisory data is ${age} days old (more than ${options.maxAgeDays}): advisories published since are missed`, severity: 'low', hint: 'run `mina db update`, or raise maxAgeDays in the rubric' });
    }
    notes.push(`checked ${covered.length} locked package version${covered.length === 1 ? '' : 's'} (${queries.length} distinct) in ${locks.filter((l) => l.packages.length > 0).length} file(s): ${locks.filter((l) => l.packages.length > 0).map((l) => l.path).join(', ') || 'none'}`);
    if (below > 0) notes.push(`${below} vulnerable package version(s) below the ${options.minSeverity} threshold are listed but do not fail the check`);

    // unchecked dependencies cap the score: nothing unverified may pass
    const blind = uncovered > 0 || skipped.length > 0 || findings.some((f) => f.id === 'unreadable-lockfile');
    const coverage = occurrences.length === 0 ? 1 : covered.length / occurrences.length;
    const score = failing > 0 ? 0 : blind ? Math.min(0.5, coverage) : 1;
    return { score, findings, notes };
  },
});

function vulnerabilityFinding(file: string, pkg: LockedPackage, rated: RatedMatch[], severity: Severity): Finding {
  const malicious = rated.some((r) => r.id.startsWith('MAL-'));
  const list = rated.map((r) => `${r.label} ${r.severity}${r.assumed ? ' (unrated)' : ''}${r.fix ? `, fixed in ${r.fix}` : ', no fix'}`).join('; ');
  const target = upgradeTarget(pkg.ecosystem, rated);
  const unfixed = rated.filter((r) => !r.fix).map((r) => r.id);
  const hint = malicious
    ? `remove ${pkg.name}: it is a known malicious package`
    : target
      ? `upgrade ${pkg.name} to ${target} or later${unfixed.length ? ` (no fix known for ${unfixed.join(', ')})` : ''}`
      : `no fixed version is known: replace ${pkg.name} or mitigate and list the advisory in the check's ignore option`;
  return {
    id: malicious ? 'malicious-package' : 'vulnerable-dependency',
    message: `${pkg.name} ${pkg.version}${pkg.dev ? ' (dev)' : ''}: ${list}`,
    file,
    line: pkg.line,
    severity,
    hint,
  };
}

function queryKey(q: { ecosystem: string; name: string; version: string }): string {
  return `${q.ecosystem}\0${q.name}\0${q.version}`;
}

function unique(pkgs: LockedPackage[]): PackageQuery[] {
  const map = new Map<string, PackageQuery>();
  for (const p of pkgs) map.set(queryKey(p), { ecosystem: p.ecosystem, name: p.name, version: p.version });
  return [...map.values()];
}
