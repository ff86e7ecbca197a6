/**
 * `.env` files: a committed one (present in the tree and not git-ignored) is a finding, and so is a
 * `.gitignore` that would let one in when the code loads `.env` files. Example files
 * (`.env.example`, `.env.sample`…) and `.flaskenv` are meant to be committed.
 */
import ignore from 'ignore';
import type { RepoContext } from '../../src/context/repo-context.js';
import { dotenvParser } from '../../src/context/parsers/dotenv.js';
import type { Finding } from '../../src/engine/check-api.js';
import { isDevPath } from '../../src/facts/deploy-env.js';
import { redact, realSecret } from './values.js';

const DOTENV = ['**/.env', '**/.env.*', '**/*.env'];

export async function committedEnvFiles(repo: RepoContext): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const f of repo.glob(DOTENV)) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base === '.flaskenv' || (isDevPath(f.path) && !/^\.env\.(local|development|dev)$/i.test(base))) continue;
    const entries = (await repo.parse(f.path, dotenvParser)) ?? [];
    const secrets = entries.flatMap((e) => {
      const s = realSecret(e.name, e.value);
      return s ? [{ ...e, secret: s }] : [];
    });
    if (secrets.length) {
      const first = secrets[0];
      out.push({ id: 'env-file-committed', file: f.path, line: first.line, message: `${f.path} is in the repository (not git-ignored) with ${secrets.length} secret value(s), e.g. ${first.name}=${redact(first.secret)}`, hint: 'remove it from the repository (git rm --cached), add it to .gitignore, rotate the secrets, and commit a .env.example with placeholders' });
    } else if (entries.length) {
      out.push({ id: 'env-file-committed', file: f.path, line: 1, severity: 'low', message: `${f.path} is in the repository (not git-ignored); it holds no secret today, but it is where secrets get added`, hint: 'add .env to .gitignore and commit a .env.example instead' });
    }
  }
  return out;
}

/** The root `.gitignore` must ignore `.env` when the code loads one. */
export async function envIgnoreFinding(repo: RepoContext, loadsDotenv: boolean): Promise<Finding | null> {
  if (!loadsDotenv) return null;
  const text = repo.has('.gitignore') ? await repo.text('.gitignore') : null;
  if (text !== null && ignore().add(text).ignores('.env')) return null;
  return {
    id: 'env-not-ignored',
    ...(text !== null ? { file: '.gitignore', line: 1 } : {}),
    message: text === null ? 'the code loads .env files but the repository has no .gitignore' : '.gitignore does not ignore .env, which the code loads',
    hint: 'add ".env" (and ".env.*" with "!.env.example") to .gitignore',
  };
}
