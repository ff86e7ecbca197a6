// Fake credentials for the secrets corpus, benchmark and tests, built at run time from parts and a
// seeded random source: the repository never holds a realistic token, so push protection and
// mina's own scan have nothing to find, and every run generates the same values.
// (Files starting with `_` are helpers: `npm run eval` does not run them.)

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;

export function makeValues(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chars = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  };
  // random strings can spell a placeholder word by chance; keep them clean of the few that matter
  const clean = (fn) => {
    for (;;) {
      const v = fn();
      if (!/xxxx|test|fake|dummy|example|sample|changeme|[.]{4}|\*{4}/i.test(v)) return v;
    }
  };
  const alnum = (n) => clean(() => chars(ALNUM, n));
  const hex = (n) => chars('0123456789abcdef', n);
  const urlsafe = (n) => clean(() => chars(ALNUM + '-_', n));
  const b64 = (n) => clean(() => chars(ALNUM + '+/', n));
  const pem = (lines) => Array.from({ length: lines }, (_, i) => b64(i === lines - 1 ? 24 : 64));
  const password = () => clean(() => chars(ALNUM, 6) + pick(['#', '!', '%', '&', '*', '^', '~']) + chars(ALNUM, 5 + Math.floor(random() * 6)));

  return {
    random,
    pick,
    alnum,
    hex,
    urlsafe,
    b64,
    pem,
    password,
    digits: (n) => chars(DIGITS, n),
    lower: (n) => chars(LOWER, n),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`,
    awsKeyId: () => 'AK' + 'IA' + chars(UPPER + '234567', 16),
    awsSecret: () => b64(40),
    github: () => 'gh' + pick(['p', 'o', 'u', 's', 'r']) + '_' + alnum(36),
    githubFine: () => 'github' + '_pat_' + alnum(22) + '_' + alnum(59),
    gitlab: () => 'gl' + 'pat-' + urlsafe(20),
    slackToken: () => 'xo' + 'xb-' + chars(DIGITS, 11) + '-' + chars(DIGITS, 12) + '-' + alnum(24),
    slackWebhook: () => 'https://hooks.' + 'slack.com/services/T' + chars(UPPER + DIGITS, 8) + '/B' + chars(UPPER + DIGITS, 10) + '/' + alnum(24),
    stripe: () => pick(['sk', 'rk']) + '_li' + 've_' + alnum(24 + Math.floor(random() * 40)),
    stripeTest: () => 'sk' + '_test_' + alnum(24),
    google: () => 'AI' + 'za' + urlsafe(35),
    sendgrid: () => 'SG' + '.' + urlsafe(22) + '.' + urlsafe(43),
    npm: () => 'np' + 'm_' + alnum(36),
    twilio: () => 'SK' + hex(32),
    openai: () => 'sk-' + 'proj-' + urlsafe(40) + 'T3Blbk' + 'FJ' + urlsafe(40),
    anthropic: () => 'sk-' + 'ant-api03-' + urlsafe(93) + 'AA',
    azureKey: () => b64(86) + '==',
    digitalocean: () => 'do' + 'p_v1_' + hex(64),
    huggingface: () => 'h' + 'f_' + chars(UPPER + LOWER, 34),
    databricks: () => 'da' + 'pi' + hex(32),
    discord: () => 'https://discord' + '.com/api/webhooks/' + chars(DIGITS, 18) + '/' + urlsafe(68),
    telegram: () => chars(DIGITS, 10) + ':A' + 'A' + urlsafe(33),
    shopify: () => 'sh' + 'pat_' + hex(32),
    vault: () => 'hv' + 's.' + urlsafe(100),
    age: () => 'AGE-' + 'SECRET-KEY-1' + chars(UPPER + DIGITS, 58),
  };
}

/** The AWS documentation's own example credentials: public, and never findings. */
export const AWS_EXAMPLE_ID = 'AKIAIOSFODNN7' + 'EXAMPLE';
export const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY';
