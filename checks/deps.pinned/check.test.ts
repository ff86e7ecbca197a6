import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'all-pinned', name: '== pins with hashes, a commit-pinned git URL, locked npm and uv manifests, tagged and digest images' },
    { fixture: 'workspaces', name: 'a workspace package is locked by the root lockfile' },
  ],
  invalid: [
    {
      fixture: 'loose-python',
      name: 'ranges and bare names; a constraints file pins click',
      score: 0.5,
      findings: [
        { id: 'unpinned-requirement', file: 'requirements.txt', line: 2 },
        { id: 'unpinned-requirement', file: 'requirements.txt', line: 3 },
      ],
    },
    {
      fixture: 'node-no-lockfile',
      name: 'package.json ranges with no lockfile',
      score: 1 / 3,
      findings: [{ id: 'no-lockfile', file: 'package.json', line: 4 }],
    },
    {
      fixture: 'docker-latest',
      name: 'FROM with no tag and FROM :latest; build stages are not images',
      score: 1 / 3,
      findings: [
        { id: 'unpinned-base-image', file: 'Dockerfile', line: 1 },
        { id: 'unpinned-base-image', file: 'Dockerfile', line: 6 },
      ],
    },
    {
      fixture: 'pyproject-unlocked',
      name: 'pyproject ranges with no poetry/uv lock',
      score: 1 / 3,
      findings: [{ id: 'no-lockfile', file: 'pyproject.toml', line: 6 }],
    },
  ],
  notApplicable: [{ fixture: 'empty' }],
});
