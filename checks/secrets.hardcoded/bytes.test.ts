/**
 * The raw-bytes scan (worker threads) must find exactly what the decoded-text scan finds: same
 * rules, lines, columns and values, on every file shape the line cutting could get wrong.
 */
import { describe, expect, it } from 'vitest';
import { SecretScanner } from '../../src/secrets/scanner.js';
import { scanBytes } from '../../src/secrets/scan-bytes.js';
import { bundledRules } from '../../src/secrets/rules.js';
import { KeywordIndex } from '../../src/secrets/keyword-index.js';
import { decode } from '../../src/context/decode.js';

const scanner = new SecretScanner({ ruleSet: bundledRules(), allowValues: [] });
const enc = new TextEncoder();
const fake = (prefix: string, n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') =>
  prefix + Array.from({ length: n }, (_, i) => alphabet[(i * 7 + n * 13 + prefix.length) % alphabet.length]).join('');
const pem = ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 6 }, (_, i) => fake(`MIIE${i}`, 60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')), '-----END RSA PRIVATE KEY-----'];

const PIECES = [
  `aws_access_key_id = "${fake('AKIA', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}"`,
  `aws_secret_access_key = "${fake('', 40)}"`,
  `token = "${fake('ghp_', 36)}"`,
  `DATABASE_URL=postgres://app:${fake('', 18)}@db.internal:5432/app`,
  `password = "${fake('Pw', 20)}"  # é日本`,
  'token = os.environ["TOKEN"]',
  'const label = "naïve café — passé";',
  '',
  ...pem,
];

function sameFindings(text: string, path: string) {
  const bytes = enc.encode(text);
  const decoded = decode(bytes);
  if ('skip' in decoded) throw new Error('not text');
  const expected = scanner.scan(decoded.text, path);
  expect(scanBytes(scanner, bytes, path)).toEqual(expected);
  return expected.length;
}

describe('scanBytes', () => {
  it('agrees with the text scan on mixed files, in code and config formats', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let found = 0;
    for (let round = 0; round < 60; round++) {
      const lines = Array.from({ length: 30 }, () => PIECES[Math.floor(rand() * PIECES.length)]);
      const eol = round % 3 === 0 ? '\r\n' : '\n';
      for (const path of ['src/settings.py', 'config/.env', 'tests/test_api.py', 'web/app.min.js']) found += sameFindings(lines.join(eol), path);
    }
    expect(found).toBeGreaterThan(500);
  });

  it('agrees on a UTF-8 byte-order mark, a private key block, a minified line and no final newline', () => {
    expect(sameFindings('\uFEFF' + PIECES.slice(0, 5).join('\n'), 'a.py')).toBe(5);
    expect(sameFindings(['x = 1', ...pem, 'y = 2'].join('\n'), 'keys/deploy.txt')).toBe(1);
    expect(sameFindings('var a=1;'.repeat(2000) + PIECES[2] + ';var b=2;'.repeat(2000), 'bundle.js')).toBe(1);
    expect(sameFindings(PIECES[3], '.env')).toBe(1);
  });

  it('reads YAML and notebooks as whole documents (Kubernetes Secrets, escaped sources)', () => {
    const secret = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app', 'stringData:', `  password: ${fake('Zq', 22)}`].join('\n');
    expect(sameFindings(secret, 'k8s/secret.yaml')).toBe(1);
    expect(sameFindings(JSON.stringify({ cells: [{ source: [`api_key = "${fake('k', 30)}"\n`] }] }, null, 1), 'nb/a.ipynb')).toBe(1);
  });
});

describe('KeywordIndex.candidateLines', () => {
  it('lists, as byte ranges, exactly the lines where find finds a keyword in the decoded text', () => {
    const keywords = ['token', 'pass', '://', 'ghp_'];
    const index = new KeywordIndex(keywords);
    const pieces = ['é', '日本', 'TOKEN', 'Pass', 'tok', 'pa', 'ss', ':/', '/', 'ghp_', 'x', ' ', '\n', '\r\n'];
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 40 }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      const expected = text.split('\n').filter((line) => index.find(line, 0) !== -1);
      const bytes = enc.encode(text);
      const ranges = index.candidateLines(bytes);
      const got: string[] = [];
      for (let i = 0; i < ranges.length; i += 2) got.push(new TextDecoder().decode(bytes.subarray(ranges[i], ranges[i + 1])));
      expect(got, JSON.stringify(text)).toEqual(expected);
    }
    expect(index.ascii).toBe(true);
    expect(new KeywordIndex(['clé_api']).ascii).toBe(false);
  });
});
