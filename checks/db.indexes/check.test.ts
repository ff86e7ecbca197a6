import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'sql-indexed-later', name: 'Flyway: V2 indexes the foreign key V1 declared' },
    { fixture: 'sql-composite-covered', name: 'composite key led by an index in another column order; a composite primary key leads with the key' },
    { fixture: 'alembic-indexed', name: 'Alembic: revision chain order (not file order), batch_alter_table index' },
    { fixture: 'models-with-migrations', name: 'the model lacks index=True but the migration that built the table added it' },
    { fixture: 'sqlalchemy-indexed', name: 'SQLModel index=True, UniqueConstraint leading with the key, composite primary key' },
    { fixture: 'django-default', name: 'Django indexes ForeignKey by default; db_index=False covered by a UniqueConstraint' },
    { fixture: 'prisma-indexed', name: 'Prisma relationMode=prisma with @@index(fields:) and a composite @@id' },
  ],
  invalid: [
    { fixture: 'sql-fk-unindexed', name: 'user_id INTEGER REFERENCES users(id) with no index', findings: [{ id: 'fk-without-index', file: 'db/schema.sql', line: 9 }] },
    {
      fixture: 'sql-migrations-split',
      name: 'keys added by ALTER TABLE in V2, a partial index in V3, an index dropped in V10',
      findings: [
        { id: 'fk-without-index', file: 'migrations/V2__foreign_keys.sql', line: 3 },
        { id: 'fk-without-index', file: 'migrations/V2__foreign_keys.sql', line: 4 },
      ],
    },
    {
      fixture: 'sql-composite',
      name: 'composite primary key covers only its leading column; an index on part of a composite key does not cover it',
      findings: [
        { id: 'fk-without-index', file: 'sql/001_schema.sql', line: 8 },
        { id: 'fk-without-index', file: 'sql/001_schema.sql', line: 18 },
      ],
    },
    { fixture: 'sql-no-pk', name: 'table without a primary key; partitions, temp tables and ALTER … ADD PRIMARY KEY are fine', findings: [{ id: 'table-without-primary-key', file: 'db/schema.sql', line: 1, severity: 'medium' }] },
    { fixture: 'sql-malformed', name: 'broken statements, a binary file and an unterminated quote cost only themselves', findings: [{ id: 'fk-without-index', file: 'migrations/001_init.sql', line: 5 }] },
    { fixture: 'golang-migrate', name: 'the index in a .down.sql is never applied', findings: [{ id: 'fk-without-index', file: 'migrations/000001_create_users.up.sql', line: 4 }] },
    { fixture: 'dbmate-sections', name: 'the index under -- migrate:down is never applied', findings: [{ id: 'fk-without-index', file: 'db/migrations/20240101120000_create_comments.sql', line: 5 }] },
    { fixture: 'prisma-migrations', name: 'Prisma migrations folder read in order; SQL judges the tables it creates', findings: [{ id: 'fk-without-index', file: 'prisma/migrations/20240101000000_init/migration.sql', line: 17 }] },
    {
      fixture: 'alembic-unindexed',
      name: 'Alembic: index dropped by a later revision, batch foreign key, op.execute index, table without key',
      findings: [
        { id: 'fk-without-index', file: 'migrations/versions/3f1c_initial.py', line: 26 },
        { id: 'fk-without-index', file: 'migrations/versions/0a9e_comments.py', line: 17 },
        { id: 'fk-without-index', file: 'migrations/versions/0a9e_comments.py', line: 24 },
        { id: 'table-without-primary-key', file: 'migrations/versions/0a9e_comments.py', line: 21 },
      ],
    },
    {
      fixture: 'sqlalchemy-unindexed',
      name: 'Flask-SQLAlchemy and 2.0 declarative models, association tables, composite keys',
      findings: [
        { id: 'fk-without-index', file: 'app/billing/models.py', line: 13 },
        { id: 'fk-without-index', file: 'app/models.py', line: 16 },
        { id: 'fk-without-index', file: 'app/models.py', line: 29 },
        { id: 'table-without-primary-key', file: 'app/models.py', line: 32 },
        { id: 'fk-without-index', file: 'app/models.py', line: 34 },
        { id: 'fk-without-index', file: 'app/models.py', line: 35 },
      ],
    },
    {
      fixture: 'django-db-index-false',
      name: 'db_index=False (also from an abstract base) without a covering Meta index',
      findings: [
        { id: 'fk-without-index', file: 'shop/models.py', line: 9 },
        { id: 'fk-without-index', file: 'shop/models.py', line: 17 },
      ],
    },
    {
      fixture: 'prisma-unindexed',
      name: 'Prisma relation scalars without @@index; a model with only @unique',
      findings: [
        { id: 'fk-without-index', file: 'prisma/schema.prisma', line: 34 },
        { id: 'fk-without-index', file: 'prisma/schema.prisma', line: 49 },
        { id: 'table-without-primary-key', file: 'prisma/schema.prisma', line: 54 },
      ],
    },
  ],
  notApplicable: [{ fixture: 'no-db', name: 'no schema: a query file is not a schema' }],
});
