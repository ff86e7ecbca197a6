/**
 * The environment variable the app reads its database URL from, so the backup job and the
 * Kubernetes Secret use the same key: a string literal that names one (`os.environ["DATABASE_URL"]`,
 * `process.env.DATABASE_URL` as a member name), else `DATABASE_URL`.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { codeIndexFact, findKinds } from '../../facts/code/index.js';
import type { Detected } from '../model.js';

const NAMES = /^(DATABASE_URL|DATABASE_URI|DB_URL|DB_URI|POSTGRES_URL|POSTGRES_URI|POSTGRESQL_URL|PG_URL|PG_CONNECTION_STRING|SQLALCHEMY_DATABASE_URI|MYSQL_URL|MONGO_URL|MONGO_URI|MONGODB_URL|MONGODB_URI)$/;
const LIMIT = 400;

export async function databaseUrlEnv(repo: RepoContext): Promise<Detected<string>> {
  const index = await repo.fact(codeIndexFact);
  let configKey: Detected<string> | null = null;
  for (const file of index.files.slice(0, LIMIT)) {
    const kinds = file.lang === 'python' ? ['string'] : ['string', 'property_identifier'];
    for (const node of findKinds(file, kinds)) {
      const text = node.text().replace(/^[rbuf]{0,2}(["'`])|(["'`])$/gi, '');
      if (!NAMES.test(text)) continue;
      const found = { value: text, from: `${file.path}:${node.range().start.line + 1}` };
      // Flask-SQLAlchemy's config key is usually filled from another variable: keep looking
      if (text !== 'SQLALCHEMY_DATABASE_URI') return found;
      configKey ??= found;
    }
  }
  return configKey ?? { value: 'DATABASE_URL', from: null };
}
