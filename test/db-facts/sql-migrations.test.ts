import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { sqlMigrationFolders, sqlSchemasFact } from '../../src/facts/db/sql-migrations.js';

const fixtures = path.join(import.meta.dirname, '../../checks/db.indexes/fixtures');
const repoOf = (name: string) => RepoContext.create(path.join(fixtures, name), { ignore: DEFAULT_IGNORES, maxFileSize: 1024 * 1024 });

describe('SQL migration folders', () => {
  it('groups a folder, orders it the way the tool applies it and leaves down scripts out', async () => {
    expect(sqlMigrationFolders(await repoOf('sql-migrations-split'))).toEqual([
      { folder: 'migrations', files: ['migrations/V1__init.sql', 'migrations/V2__foreign_keys.sql', 'migrations/V3__indexes.sql', 'migrations/V10__drop_index.sql'] },
    ]);
    expect(sqlMigrationFolders(await repoOf('golang-migrate'))[0].files).toEqual(['migrations/000001_create_users.up.sql', 'migrations/000002_add_tokens.up.sql']);
    expect(sqlMigrationFolders(await repoOf('prisma-migrations'))).toEqual([
      { folder: 'prisma/migrations', files: ['prisma/migrations/20240101000000_init/migration.sql', 'prisma/migrations/20240201000000_index/migration.sql'] },
    ]);
  });

  it('turns statements that do not parse into warnings naming the file and line', async () => {
    const repo = await repoOf('sql-malformed');
    const [schema] = await repo.fact(sqlSchemasFact);
    expect([...schema.tables.keys()]).toEqual(['teams', 'players']);
    expect(repo.warnings).toEqual([
      expect.stringMatching(/^migrations\/001_init\.sql:2: SQL statement not parsed as PostgreSQL \(syntax error at or near "TABL"\)/),
      expect.stringMatching(/^migrations\/003_unterminated\.sql:1: SQL statement not parsed as PostgreSQL \(unterminated quoted string/),
    ]);
  });
});
