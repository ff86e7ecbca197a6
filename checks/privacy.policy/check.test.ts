import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'policy-no-analytics', name: 'a complete PRIVACY.md, no tracking' },
    { fixture: 'analytics-with-consent', name: 'gtag gated by Cookiebot' },
    { fixture: 'spa-consent', name: 'react-ga4 with react-cookie-consent and a privacy page' },
  ],
  invalid: [
    { fixture: 'analytics-no-consent', score: 0.6, findings: [{ id: 'analytics-without-consent', file: 'views/layout.ejs', line: 5 }] },
    { fixture: 'decoy-commented-tag', name: 'decoy: a commented-out tag, a README that promises a policy', score: 0, findings: [{ id: 'no-privacy-policy' }] },
    { fixture: 'stub-policy', score: 0.5, findings: [{ id: 'policy-incomplete', file: 'PRIVACY.md', line: 1 }] },
  ],
  notApplicable: [{ fixture: 'library' }],
});
