/**
 * Rules about what goes into the image: secrets baked into `ENV`/`ARG` or copied in as files,
 * remote `ADD`s, and the build context filter (`.dockerignore`).
 */
import type { Finding } from '../../src/engine/check-api.js';
import type { DockerInstruction } from '../../src/facts/dockerfiles.js';
import { redact } from '../../src/secrets/redact.js';
import type { Rule } from './rule.js';

const SECRET_KEY = /(^|_)(PASS(WORD|WD)?|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?KEY|CLIENT_?SECRET|CREDENTIALS?|SIGNING_?KEY|ENCRYPTION_?KEY|MASTER_?KEY)(_|$)/;
/** Secret-named keys that hold where a secret is, or something about it, not the secret. */
const NOT_A_SECRET_KEY = /_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|NAME|USER|USERNAME|ID|LENGTH|LEN|TTL|EXPIRY|EXPIRES|EXPIRATION|TIMEOUT|SECONDS|MINUTES|HOURS|DAYS|COUNT|ROUNDS|ENABLED|REQUIRED|HEADER|PREFIX|TYPE|KIND|MODE|ALGORITHM|FIELD|SIZE|MIN|MAX|LIFETIME|VERSION|REGION|ISSUER|AUDIENCE|SCOPES?|SOURCE|PROVIDER|BACKEND)$/;
/** Numbers, booleans and durations configure a secret's handling; they are never the secret. */
const NOT_A_SECRET_VALUE = /^(\d+(\.\d+)?[smhdw]?|true|false|on|off)$/i;
const PLACEHOLDER = /^(<[^>]*>|change[-_]?me|changeit|x{3,}|\*+|\.+|dummy|example|placeholder|replace[-_]?me|todo|tbd|none|null|nil|false|true|yes|no|[01]|your[-_].*|set[-_]?me|redacted)$/i;
/** `scheme://user:password@`: the password part, when it is not a variable. */
const URL_CREDENTIAL = /^[a-z][a-z0-9+.-]{0,20}:\/\/[^\s:@/]{1,128}:([^\s@/]{1,256})@/i;
const ENV_FILE = /(^|\/)\.env(\.[\w-]+)?$/;
const ENV_TEMPLATE = /\.(example|sample|template|tmpl|dist|defaults?|tpl)$/i;
const PRIVATE_KEY_FILE = /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/;

function literalSecret(key: string, value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  const url = URL_CREDENTIAL.exec(v);
  if (url && !url[1].startsWith('$')) return url[1];
  const upper = key.toUpperCase();
  if (!SECRET_KEY.test(upper) || NOT_A_SECRET_KEY.test(upper)) return null;
  if (v.length < 4 || v.includes('$') || v.startsWith('/') || PLACEHOLDER.test(v) || NOT_A_SECRET_VALUE.test(v)) return null;
  return v;
}

export const secretsRule: Rule = {
  id: 'secrets',
  title: 'no secrets in ENV/ARG or copied files',
  check({ df }) {
    const findings: Finding[] = [];
    const all = df.stages.flatMap((s) => s.instructions);
    // global ARGs (before the first FROM) bake into build history just like stage ARGs
    const assignments = [
      ...df.globalArgs.map((p) => ({ keyword: 'ARG', p })),
      ...all.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG').flatMap((i) => i.properties.map((p) => ({ keyword: i.keyword, p }))),
    ];
    for (const { keyword, p } of assignments) {
      const secret = literalSecret(p.name, p.value);
      if (secret === null) continue;
      findings.push({
        id: keyword === 'ENV' ? 'secret-in-env' : 'secret-in-arg',
        message: `${keyword} ${p.name} bakes a literal secret (${redact(secret)}) into the image and its history`,
        file: df.path,
        line: p.line,
        severity: 'critical',
        hint: keyword === 'ENV' ? 'pass it at run time (a Kubernetes Secret, `docker run -e`) and rotate the exposed value' : 'use a build secret (`RUN --mount=type=secret,id=…`) instead of a build arg, and rotate the exposed value',
      });
    }
    for (const ins of all.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
      for (const src of sources(ins)) {
        if (ENV_FILE.test(src) && !ENV_TEMPLATE.test(src)) {
          findings.push({ id: 'copies-env-file', message: `${ins.keyword} ${src} puts an environment file (usually holding secrets) into the image`, file: df.path, line: ins.line, severity: 'critical', hint: 'remove the COPY, add .env to .dockerignore, and provide the values at run time' });
        } else if (PRIVATE_KEY_FILE.test(src)) {
          findings.push({ id: 'copies-private-key', message: `${ins.keyword} ${src} puts a private key into the image`, file: df.path, line: ins.line, severity: 'critical', hint: 'use `RUN --mount=type=ssh` for build-time access instead of copying keys' });
        }
      }
    }
    return findings;
  },
};

/** Source arguments of COPY/ADD (all words but the destination). */
function sources(ins: DockerInstruction): string[] {
  return ins.words.length > 1 ? ins.words.slice(0, -1) : [];
}

export const addUrlRule: Rule = {
  id: 'add-url',
  title: 'no ADD of a remote URL',
  check({ df }) {
    return df.stages.flatMap((s) =>
      s.instructions
        // BuildKit verifies `ADD --checksum=sha256:…` downloads, which removes the risk this rule is about
        .filter((i) => i.keyword === 'ADD' && !i.flags.some((f) => f.name === 'checksum') && sources(i).some((src) => /^https?:\/\//i.test(src)))
        .map((i) => ({ id: 'add-url', message: `ADD downloads ${sources(i).find((src) => /^https?:\/\//i.test(src))} without verifying it`, file: df.path, line: i.line, severity: 'medium' as const, hint: 'download with curl/wget and check a SHA-256 in the same RUN, or use `ADD --checksum=sha256:…`' })),
    );
  },
};

export const dockerignoreRule: Rule = {
  id: 'dockerignore',
  title: '.dockerignore filters the build context',
  async check({ df, repo }) {
    const copy = df.stages.flatMap((s) => s.instructions).find((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from') && !sources(i).every((src) => /^https?:\/\//i.test(src)));
    if (!copy) return [];
    const candidates = [`${df.path}.dockerignore`];
    for (let dir = df.dir; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
      candidates.push(dir ? `${dir}/.dockerignore` : '.dockerignore');
      if (!dir) break;
    }
    const found = candidates.find((c) => repo.has(c));
    if (!found) {
      return [{ id: 'no-dockerignore', message: `${copy.keyword} sends the build context into the image, and no .dockerignore filters it (.git, .env, local builds)`, file: df.path, line: copy.line, severity: 'medium', hint: 'add a .dockerignore next to the Dockerfile listing .git, .env*, node_modules, build output and test data' }];
    }
    const text = (await repo.text(found)) ?? '';
    if (!text.split(/\r?\n/).some((l) => l.trim() && !l.trim().startsWith('#'))) {
      return [{ id: 'empty-dockerignore', message: `${found} has no patterns`, file: found, line: 1, severity: 'medium', hint: 'list .git, .env*, node_modules, build output and test data' }];
    }
    return [];
  },
};
