import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'with-email' },
    { fixture: 'github-advisories', name: 'link to private vulnerability reporting in .github/' },
    { fixture: 'security-txt', name: 'RFC 9116 Contact field' },
  ],
  invalid: [
    { fixture: 'no-channel', score: 0.5, findings: [{ id: 'no-channel', file: 'SECURITY.md', line: 1 }] },
    { fixture: 'placeholder', score: 0.5, findings: [{ id: 'placeholder-contact', file: 'SECURITY.md', line: 5 }] },
    { fixture: 'missing', score: 0, findings: [{ id: 'missing' }] },
  ],
});
