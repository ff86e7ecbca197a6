import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import check from './index.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');

new CheckTester(check, fixtures).run({
  valid: [
    { fixture: 'gitignored-env', name: '.env git-ignored, .env.example with placeholders committed' },
    { fixture: 'k8s-secret-placeholder', name: 'a Secret manifest with placeholders only' },
    { fixture: 'sealed-secrets', name: 'SealedSecret + secretKeyRef' },
    { fixture: 'external-secrets', name: 'ExternalSecret + envFrom secretRef' },
    { fixture: 'sops-secret', name: 'SOPS-encrypted Secret manifest' },
    { fixture: 'aws-secrets-manager', name: 'the code reads AWS Secrets Manager' },
    { fixture: 'compose-secrets', name: 'Compose secrets mounted as files' },
  ],
  invalid: [
    {
      fixture: 'env-committed',
      name: 'a committed .env with secrets, and no .gitignore while the code loads .env',
      score: 0.25,
      findings: [{ id: 'env-file-committed', file: '.env', line: 2 }, { id: 'env-not-ignored' }],
    },
    { fixture: 'env-config-only', name: 'a committed .env without secrets is a low finding', score: 0.8, findings: [{ id: 'env-file-committed', file: '.env', line: 1, severity: 'low' }] },
    {
      fixture: 'k8s-plaintext-secret',
      name: 'data (base64) and stringData with real values',
      score: 0.5,
      findings: [
        { id: 'plaintext-secret', file: 'k8s/secret.yaml', line: 7 },
        { id: 'plaintext-secret', file: 'k8s/secret.yaml', line: 10 },
      ],
    },
    {
      fixture: 'k8s-literal-env',
      score: 0.7,
      findings: [
        { id: 'literal-secret-env', file: 'k8s/deployment.yaml', line: 12 },
        { id: 'literal-secret-env', file: 'k8s/deployment.yaml', line: 14 },
      ],
    },
    { fixture: 'kustomize-literals', findings: [{ id: 'plaintext-secret', file: 'k8s/base/kustomization.yaml', line: 7 }] },
    { fixture: 'no-secret-source', name: 'the code needs SECRET_KEY, the Deployment provides no secret', score: 0.75, findings: [{ id: 'no-secret-source' }] },
    { fixture: 'gitignore-missing-env', score: 0.75, findings: [{ id: 'env-not-ignored', file: '.gitignore', line: 1 }] },
  ],
  notApplicable: [{ fixture: 'none' }],
});

describe('secrets.management redaction', () => {
  it('never prints a secret whole', async () => {
    const all = [];
    for (const f of ['env-committed', 'k8s-plaintext-secret', 'k8s-literal-env', 'kustomize-literals']) all.push(...(await runCheckOn(check, path.join(fixtures, f))).findings);
    const text = JSON.stringify(all);
    for (const secret of ['s3cr3t-Pa55word-9f8e', '8c1f0b6e2d7a4c3b9e5f', 'prod-Pass-2024-quiet', 'tok_live_5f2b8c9d1e3a7f60', 'hunter2-prod-9481', 'Sup3rS3cretPw', 'Xk9-prod-pass-77']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('prod…(20 chars)');
  });
});
