import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { realFs, type FsLike } from '../../src/context/fs-like.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { DEFAULT_SETTINGS } from '../../src/engine/check-api.js';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import check from './index.js';
import { fakeRepo, pem, removeFakeRepos, values as v } from './fake-repo.mjs';

afterAll(removeFakeRepos);

// provider formats, generated at load time (never committed)
const providers = fakeRepo({
  'config/aws.py': [`AWS_ACCESS_KEY_ID = "${v.awsKeyId()}"`, `AWS_SECRET_ACCESS_KEY = "${v.awsSecret()}"`],
  '.github/workflows/deploy.yml': ['jobs:', '  env:', `    GH_TOKEN: ${v.github()}`],
  'src/billing.ts': [`const stripe = new Stripe('${v.stripe()}');`],
  'deploy/server.key': pem('RSA PRIVATE KEY'),
  'tests/test_api.py': ['def test_call():', `    call(token="${v.github()}")`],
  'tests/keys/test.pem': pem('PRIVATE KEY'),
  'src/stripe-test.js': [`const s = stripe("${v.stripeTest()}");`],
});

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'clean', name: 'placeholders, env reads, example keys, hashes, UUIDs, public keys, example files' },
    { fixture: 'inline-ignore', name: 'mina-ignore with a reason on the line above' },
    { fixture: 'allowed-path', name: 'allowPaths option', options: { allowPaths: ['local/**'] } },
    { fixture: 'custom-rule', name: 'no custom rule, nothing generic either' },
  ],
  invalid: [
    {
      fixture: 'generic-assignments',
      name: 'secret-named keys with literals across formats',
      score: 0,
      findings: [
        { id: 'generic-secret', file: 'settings.py', line: 4 },
        { id: 'generic-password', file: 'config/database.yml', line: 4 },
        { id: 'generic-secret', file: '.env', line: 2 },
        { id: 'generic-password', file: 'Dockerfile', line: 3 },
        { id: 'kubernetes-secret', file: 'k8s/secret.yaml', line: 7 },
        { id: 'generic-secret', file: 'notebooks/analysis.ipynb', line: 7 },
        { id: 'connection-string', file: 'db.py', line: 3 },
      ],
    },
    {
      fixture: 'test-fixtures',
      name: 'a generic value in a test folder is reported low and not scored',
      status: 'pass',
      score: 1,
      findings: [{ id: 'test-fixture', file: 'tests/test_login.py', line: 2, severity: 'low' }],
    },
    { fixture: 'allowed-path', name: 'without allowPaths', findings: [{ id: 'generic-secret', file: 'local/dev_settings.py', line: 1 }] },
    {
      fixture: 'custom-rule',
      name: 'a rule added through options',
      options: { rules: [{ id: 'acme-token', description: 'Acme deploy token', keywords: ['acme_live_'], pattern: '\\b(?<secret>acme_live_[a-z0-9]{32})\\b', entropy: 3 }] },
      findings: [{ id: 'acme-token', file: 'deploy.sh', line: 2 }],
    },
    {
      fixture: providers,
      name: 'provider formats and private keys (generated)',
      score: 0,
      findings: [
        { id: 'aws-access-key-id', file: 'config/aws.py', line: 1 },
        { id: 'aws-secret-access-key', file: 'config/aws.py', line: 2 },
        { id: 'github-token', file: '.github/workflows/deploy.yml', line: 3 },
        { id: 'stripe-live-key', file: 'src/billing.ts', line: 1 },
        { id: 'private-key', file: 'deploy/server.key', line: 1 },
        { id: 'github-token', file: 'tests/test_api.py', line: 2, severity: 'critical' },
        { id: 'test-fixture', file: 'tests/keys/test.pem', line: 1, severity: 'low' },
      ],
    },
  ],
});

describe('secrets.hardcoded findings', () => {
  it('lists what it could not read as text in the byte scan as in the text scan (binary, UTF-16)', async () => {
    const dir = fakeRepo({
      'src/app.py': [`password = "${v.github()}"`],
      'assets/logo.bin': ['GIF89a\u0000\u0001 token = "x"'],
    });
    writeFileSync(path.join(dir, 'notes-utf16.txt'), Buffer.from([0xfe, 0xff, 0xd8, 0x00]));
    const skippedBy = async (fs: FsLike | undefined, workers: number) => {
      const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024, fs });
      const out = await check.run({ repo, options: { rules: [], disable: [], allowPaths: [], allowValues: [], historyMaxCommits: 0, workers }, url: null, settings: { ...DEFAULT_SETTINGS, offline: true }, signal: new AbortController().signal });
      return { findings: out.findings.map((f) => `${f.file}:${f.line}`), skipped: [...repo.skipped].sort((a, b) => (a.path < b.path ? -1 : 1)) };
    };
    // a wrapper of the file system makes the check read decoded text through the context
    const text = await skippedBy({ ...realFs }, 0);
    const bytes = await skippedBy(undefined, 1);
    expect(bytes).toEqual(text);
    expect(text.skipped.map((s) => s.path)).toEqual(['assets/logo.bin', 'notes-utf16.txt']);
    expect(text.findings).toEqual(['src/app.py:1']);
  });

  it('names the other half of an AWS key pair on both lines', async () => {
    const result = await runCheckOn(check, providers);
    const id = result.findings.find((f) => f.id === 'aws-access-key-id')!;
    const secret = result.findings.find((f) => f.id === 'aws-secret-access-key')!;
    expect(id.message).toContain('paired with the AWS secret access key on line 2');
    expect(secret.message).toContain('paired with the AWS access key id on line 1');
  });

  it('rejects a rule whose pattern does not compile, naming it', async () => {
    const result = await runCheckOn(check, path.join(import.meta.dirname, 'fixtures', 'clean'), {
      rules: [{ id: 'broken', description: 'x', keywords: ['abc'], pattern: '(unclosed' }],
    });
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/secret rule broken .*bad regular expression/);
  });

  it('turns a bundled rule off with disable', async () => {
    const result = await runCheckOn(check, providers, { disable: ['github-token', 'stripe-live-key'] });
    expect(result.findings.map((f) => f.id)).not.toContain('github-token');
    expect(result.findings.map((f) => f.id)).not.toContain('stripe-live-key');
    expect(result.findings.map((f) => f.id)).toContain('private-key');
  });
});
