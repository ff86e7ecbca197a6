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
import { fileKind } from '../../src/secrets/file-kind.js';

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

describe('the byte gate (line-gate.ts)', () => {
  // lines built from the pieces of every shape the assignment, URL and provider rules read, so
  // that any line the gate wrongly drops shows as a difference from the text scan
  const parts = {
    prefix: ['', '  ', 'ENV ', 'ARG ', 'export ', '<', 'const ', '  "', 'self.', '\t', 'env\u00a0'],
    key: ['password', 'db_password', 'API_KEY', 'authToken', 'secretKey', 'aws_secret_access_key', 'AWS_SECRET', 'Authorization', 'token', 'pw', 'PASSWD', 'client_secret', 'private_key_id', 'AWS_SECRET_ACCESS_\u212AEY', 'bearer', 'x'],
    afterKey: ['', '"', "'", ']', '"]', ' ', '>'],
    op: ['=', ':', ':=', '=>', '??=', '||=', '==', '::', ': str =', ': Optional[str] = ', ' ', '', ': 1 ='],
    value: ['"V"', "'V'", '`V`', '`${x}V`', 'f"{x}V"', 'f"V"', "r'V'", 'b"V"', 'V', 'os.environ["X"]', '"V" + y', '"V".strip()', "'V'[0]", '"%s" % V', '\\"V\\"', '"V\\{x"', '|V', '"V', '', 'V</password>'],
    tail: ['', '', '', '', '', ';', ',', ' # note', ' https://user:V@db.internal', ' postgres://app:V@10.0.0.1/db', ' https://docs.example.com/auth', ' AKIAV', ' ghp_V'],
  };
  // each a way of writing a credential that only one branch of the gate lets through
  const shapes = ['kind: Secret', 'stringData:', '  password: V', '<password>V</password>', 'ARG DB_PASSWORD V', 'ARG DB_PASSWORD=V', 'ENV API_TOKEN "V"', 'env\tclient_secret V', '  password: str = "V"', "token: Optional[str] = 'V'", 'db_password ??= "V"', "api_key => 'V'", 'secret := `V`', 'AUTH_TOKEN: V', 'aws_secret_access_key = "V"', "'AWS_SECRET_ACCESS_\u212AEY': 'V'", 'url = "https://app:V@db.internal:5432"'];
  const alphabets = ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'abcdef0123456789', 'é日本ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

  it('never drops a line the text scan finds something on, in code, config, Dockerfiles and generated files', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const value = () => {
      const alphabet = pick(alphabets);
      // 40 characters is the AWS secret key's length
      return Array.from({ length: rand() < 0.3 ? 40 : 12 + Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    };
    const random = () => [pick(parts.prefix), pick(parts.key), pick(parts.afterKey), pick(['', ' ', '\t']), pick(parts.op), pick(['', ' ']), pick(parts.value), pick(parts.tail)].join('');
    const line = () => (rand() < 0.3 ? pick(shapes) : random()).replace(/V/g, value);
    let found = 0;
    let dropped = 0;
    const gate = scanner.compiled.gate;
    for (let round = 0; round < 250; round++) {
      const text = Array.from({ length: 40 }, line).join('\n');
      for (const path of ['settings.py', 'src/app.ts', 'config/.env', 'Dockerfile', 'conf/app.ini', 'deploy/values.yaml', 'web/app.min.js', 'tests/test_api.py']) {
        found += sameFindings(text, path);
        const bytes = Buffer.from(text);
        const lines = scanner.compiled.index.candidateLines(bytes);
        for (let i = 0; i < lines.length; i += 2) if (!gate.needed(bytes, lines[i], lines[i + 1], fileKind(path))) dropped++;
      }
    }
    // both sides of the gate are exercised: many findings, and many lines it rightly skipped
    expect(found).toBeGreaterThan(5000);
    expect(dropped).toBeGreaterThan(5000);

    // minified lines, which the engine reads in windows around each keyword: a few pieces each,
    // amid filler, so each line's one finding (or none) depends on them
    let windowed = 0;
    const filler = (n: number) => 'var a=1;'.repeat(n);
    const long = () => [filler(Math.floor(rand() * 600)), line(), filler(Math.floor(rand() * 80)), rand() < 0.5 ? line() : '', filler(600)].join(pick([';', ',', ' ', '']));
    for (let round = 0; round < 40; round++) {
      const text = Array.from({ length: 10 }, long).join('\n');
      for (const path of ['web/app.min.js', 'src/app.js', 'config/app.env']) windowed += sameFindings(text, path);
    }
    expect(windowed).toBeGreaterThan(300);
  });

  it('lets a long line through when a window edge falls right after a literal', () => {
    // the engine's window around `auth` ends just after the closing quote, hiding the `+ x` that
    // makes the whole line's `token = "..." + x` an expression
    const value = fake('Qz', 38);
    const at = 5000;
    const line = 'x;'.repeat(at / 2) + 'author' + ' '.repeat(511 - 6 - 9 - value.length) + `token = "${value}" + x;` + 'y;'.repeat(3000);
    expect(sameFindings(line, 'src/app.js')).toBe(1);
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
