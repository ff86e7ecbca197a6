/**
 * A secret never appears whole in any output: one planted sample per bundled rule, checked in the
 * findings, in the JSON report and in the terminal report of the built CLI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckOn } from '../../src/testing/check-tester.js';
import { bundledRules } from '../../src/secrets/rules.js';
import { redact } from '../../src/secrets/redact.js';
import check from './index.js';
import { fakeRepo, pem, removeFakeRepos, values as v } from './fake-repo.mjs';

afterAll(removeFakeRepos);

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** One sample per rule: the file it goes in, its lines, and the value that must stay hidden. */
function sample(rule: string): { file: string; lines: string[]; secret: string } {
  const one = (file: string, secret: string, line: (s: string) => string) => ({ file, lines: [line(secret)], secret });
  const body = pem('RSA PRIVATE KEY');
  const samples: Record<string, () => { file: string; lines: string[]; secret: string }> = {
    'private-key': () => ({ file: 'keys/deploy.key', lines: body, secret: body.slice(1, -1).join('\n') }),
    'aws-access-key-id': () => one('aws.py', v.awsKeyId(), (s) => `key_id = "${s}"`),
    'aws-secret-access-key': () => one('aws.ini', v.awsSecret(), (s) => `aws_secret_access_key = ${s}`),
    'google-api-key': () => one('maps.js', v.google(), (s) => `const maps = "${s}";`),
    'gcp-service-account': () => one('sa.json', v.hex(40), (s) => `{ "private_key_id": "${s}" }`),
    'azure-storage-key': () => one('azure.env', v.azureKey(), (s) => `CONN=DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${s}`),
    'digitalocean-token': () => one('do.sh', v.digitalocean(), (s) => `doctl auth init -t ${s}`),
    'heroku-api-key': () => one('heroku.env', v.uuid(), (s) => `HEROKU_API_KEY=${s}`),
    'github-token': () => one('gh.env', v.github(), (s) => `GH=${s}`),
    'github-fine-grained-token': () => one('gh2.env', v.githubFine(), (s) => `GH=${s}`),
    'gitlab-token': () => one('gl.env', v.gitlab(), (s) => `GL=${s}`),
    'npm-token': () => one('.npmrc', v.npm(), (s) => `//registry.npmjs.org/:_authToken=${s}`),
    'pypi-token': () => one('.pypirc', 'pypi-' + 'AgEIcHlwaS5vcmc' + v.urlsafe(70), (s) => `password = ${s}`),
    'slack-token': () => one('slack.py', v.slackToken(), (s) => `client = WebClient("${s}")`),
    'slack-webhook': () => {
      const url = v.slackWebhook();
      return { file: 'hook.txt', lines: [url], secret: url.split('/services/')[1] };
    },
    'discord-webhook': () => {
      const url = v.discord();
      return { file: 'discord.txt', lines: [url], secret: url.split('/').pop()! };
    },
    'telegram-bot-token': () => one('bot.py', v.telegram(), (s) => `bot = Bot("${s}")`),
    'stripe-live-key': () => one('pay.js', v.stripe(), (s) => `stripe("${s}")`),
    'square-token': () => one('square.rb', 'sq0' + 'atp-' + v.urlsafe(22), (s) => `client = Square::Client.new(access_token: "${s}")`),
    'sendgrid-api-key': () => one('mail.py', v.sendgrid(), (s) => `SendGridAPIClient("${s}")`),
    'twilio-api-key': () => one('sms.env', v.twilio(), (s) => `TWILIO_KEY_SID=${s}`),
    'twilio-auth-token': () => one('sms2.env', v.hex(32), (s) => `TWILIO_AUTH_TOKEN=${s}`),
    'mailgun-api-key': () => one('mailgun.py', 'key-' + v.hex(32), (s) => `mailgun = Mailgun(api="${s}")`),
    'shopify-token': () => one('shop.env', v.shopify(), (s) => `SHOP=${s}`),
    'openai-api-key': () => one('ai.py', v.openai(), (s) => `OpenAI("${s}")`),
    'anthropic-api-key': () => one('ai.ts', v.anthropic(), (s) => `new Anthropic("${s}")`),
    'huggingface-token': () => one('hf.py', v.huggingface(), (s) => `login("${s}")`),
    'databricks-token': () => one('dbx.cfg', v.databricks(), (s) => `host_token ${s}`),
    'linear-api-key': () => one('linear.env', 'lin' + '_api_' + v.alnum(40), (s) => `LINEAR=${s}`),
    'postman-api-key': () => one('postman.env', 'PMAK-' + v.hex(24) + '-' + v.hex(34), (s) => `POSTMAN=${s}`),
    'grafana-token': () => one('grafana.env', 'glsa' + '_' + v.alnum(32) + '_' + v.hex(8), (s) => `GRAFANA=${s}`),
    'hashicorp-vault-token': () => one('vault.env', v.vault(), (s) => `VAULT=${s}`),
    'sentry-auth-token': () => one('sentry.env', 'sntrys' + '_' + v.alnum(90), (s) => `SENTRY=${s}`),
    'new-relic-key': () => one('nr.env', 'NRAK-' + v.awsKeyId().slice(4, 20) + v.digits(11), (s) => `NR=${s}`),
    'age-secret-key': () => one('age.txt', v.age(), (s) => s),
    'connection-string': () => one('db.env', v.password(), (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`),
    'generic-password': () => one('db.yaml', v.password(), (s) => `password: ${s}`),
    'generic-secret': () => one('settings.py', v.alnum(40), (s) => `SECRET_KEY = "${s}"`),
    'kubernetes-secret': () => {
      const secret = v.password();
      return { file: 'k8s/secret.yaml', lines: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: x', 'data:', `  anything: ${Buffer.from(secret).toString('base64')}`], secret };
    },
  };
  if (!samples[rule]) throw new Error(`no redaction sample for rule ${rule}: add one`);
  return samples[rule]();
}

const planted = bundledRules().rules.map((r) => ({ rule: r.id, ...sample(r.id) }));
const dir = fakeRepo(Object.fromEntries(planted.map((p) => [p.file, p.lines])));

/** Every 8-character window of the secret: none may appear in the output. */
function leaks(output: string, secret: string): string | null {
  const flat = secret.replace(/\s+/g, '');
  for (let i = 0; i + 8 <= flat.length; i++) if (output.includes(flat.slice(i, i + 8))) return flat.slice(i, i + 8);
  return null;
}

describe('redaction', () => {
  it('shows at most 4 characters, and at most a quarter of a short value', () => {
    expect(redact('AKIA' + 'Z7QJ3M4N5P6R2S3T')).toBe('AKIA…(20 chars)');
    expect(redact('hunter2!')).toBe('hu…(8 chars)');
    expect(redact('abc')).toBe('…(3 chars)');
  });

  it.each(planted)('finds the $rule sample and never shows more than 4 of its characters', async ({ rule, file, secret }) => {
    const result = await runCheckOn(check, dir);
    const finding = result.findings.find((f) => f.file === file);
    expect(finding?.id, `${rule} in ${file}`).toBe(rule);
    expect(leaks(JSON.stringify(finding), secret)).toBeNull();
    expect(finding!.message).not.toContain(secret.slice(0, 5));
  });

  // the JSON run spreads the scan over worker threads (the built CLI has them), the terminal run not
  it.each([['json', 2], ['terminal', 0]])('never prints a planted secret whole in the %s report (%i workers)', (format, workers) => {
    // a rubric of this check alone: the report is about it, whatever state the other checks are in
    const rubric = path.join(fakeRepo({ 'rubric.yaml': ['name: secrets', 'version: 1', 'categories:', '  - id: security', '    title: Security', 'checks:', '  secrets.hardcoded:', '    weight: 10', `    options: { workers: ${workers} }`, 'levels: []'] }), 'rubric.yaml');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mina.js'), 'check', dir, '--rubric', rubric, '--format', format, '--verbose'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    const output = run.stdout + run.stderr;
    expect(output).toContain('secrets.hardcoded');
    expect(run.status).toBe(1);
    for (const p of planted) expect(leaks(output, p.secret), p.rule).toBeNull();
    if (format === 'json') {
      const found = JSON.parse(run.stdout).checks.find((c: { id: string }) => c.id === 'secrets.hardcoded');
      expect(found.findings.map((f: { file: string }) => f.file).sort()).toEqual(planted.map((p) => p.file).sort());
    }
  });
});
