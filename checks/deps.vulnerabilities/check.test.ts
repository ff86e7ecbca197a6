import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const db = { advisoryDb: path.join(import.meta.dirname, 'osv-db') };
// the fixture records are years old: tests about findings accept any data age
const anyAge = { maxAgeDays: 1e6 };

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'npm-patched', settings: db, options: anyAge, name: 'lodash 4.17.21 and minimist 1.2.8 have no advisory' },
    { fixture: 'python-patched', settings: db, options: anyAge, name: 'PyYAML 5.4.1, Jinja2 2.11.3, flask 2.3.2 (fixed in its 2.3 line)' },
  ],
  invalid: [
    {
      fixture: 'npm-vulnerable',
      name: 'lodash@4.17.15 in package-lock v3',
      settings: db,
      options: anyAge,
      score: 0,
      findings: [{ id: 'vulnerable-dependency', file: 'package-lock.json', line: 15, severity: 'high' }],
    },
    {
      fixture: 'python-vulnerable',
      name: 'PyYAML==5.3, Jinja2==2.10 and flask==0.12 (via -r, with hashes and markers)',
      settings: db,
      options: anyAge,
      score: 0,
      findings: [
        { id: 'vulnerable-dependency', file: 'requirements.txt', line: 3, severity: 'critical' },
        { id: 'vulnerable-dependency', file: 'requirements.txt', line: 4, severity: 'high' },
        { id: 'vulnerable-dependency', file: 'base.txt', line: 2, severity: 'high' },
      ],
    },
    {
      fixture: 'python-vulnerable',
      name: 'unrated advisories take unknownSeverity',
      settings: db,
      options: { ...anyAge, unknownSeverity: 'low' },
      score: 0,
      findings: [
        { id: 'vulnerable-dependency', file: 'requirements.txt', line: 3, severity: 'critical' },
        { id: 'vulnerable-dependency', file: 'requirements.txt', line: 4, severity: 'low' },
        { id: 'vulnerable-dependency', file: 'base.txt', line: 2, severity: 'low' },
      ],
    },
    {
      fixture: 'monorepo',
      name: 'every lockfile of a monorepo, each with its path',
      settings: db,
      options: anyAge,
      score: 0,
      findings: [
        { id: 'vulnerable-dependency', file: 'services/api/poetry.lock', line: 11 },
        { id: 'vulnerable-dependency', file: 'web/yarn.lock', line: 5 },
        { id: 'vulnerable-dependency', file: 'admin/pnpm-lock.yaml', line: 17 },
        { id: 'vulnerable-dependency', file: 'tools/uv.lock', line: 4, severity: 'critical' },
        { id: 'vulnerable-dependency', file: 'legacy/Pipfile.lock', line: 9 },
        { id: 'vulnerable-dependency', file: 'berry/yarn.lock', line: 16, severity: 'medium' },
      ],
    },
    {
      fixture: 'medium-only',
      name: 'a medium advisory is listed but does not fail the default high threshold',
      settings: db,
      options: anyAge,
      status: 'pass',
      score: 1,
      findings: [{ id: 'vulnerable-dependency', file: 'package-lock.json', line: 7, severity: 'medium' }],
    },
    {
      fixture: 'medium-only',
      name: 'minSeverity medium fails on it',
      settings: db,
      options: { ...anyAge, minSeverity: 'medium' },
      score: 0,
      findings: [{ id: 'vulnerable-dependency', file: 'package-lock.json', line: 7, severity: 'medium' }],
    },
    {
      fixture: 'npm-vulnerable',
      name: 'an accepted advisory listed in ignore (by id or alias) is not reported',
      settings: db,
      options: { ...anyAge, minSeverity: 'medium', ignore: ['GHSA-p6mc-m468-83gw', 'CVE-2021-23337'] },
      score: 0,
      findings: [{ id: 'vulnerable-dependency', file: 'package-lock.json', line: 15, severity: 'medium' }],
    },
    {
      fixture: 'npm-patched',
      name: 'data older than maxAgeDays is a warning',
      settings: db,
      options: { maxAgeDays: 7 },
      status: 'pass',
      findings: [{ id: 'stale-advisory-data', severity: 'low' }],
    },
    {
      fixture: 'malformed-lock',
      name: 'an unreadable lockfile is never a silent pass',
      settings: db,
      options: anyAge,
      score: 0.5,
      findings: [{ id: 'unreadable-lockfile', file: 'package-lock.json', line: 5 }],
    },
  ],
  notApplicable: [{ fixture: 'no-lockfile', settings: db, name: 'ranges without a lockfile are deps.pinned\'s concern' }],
});
