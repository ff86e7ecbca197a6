import { beforeAll, describe, expect, it } from 'vitest';
import { loadPgsql, pgsqlParser } from '../../src/context/parsers/pgsql.js';
import { SqlReplay } from '../../src/facts/db/sql-replay.js';
import { compareMigrations } from '../../src/facts/db/sql-migrations.js';
import { coveringIndex, createIndexSql, schemaProblems, type Schema } from '../../src/facts/db/schema-model.js';

beforeAll(() => loadPgsql());

const parse = (sql: string) => pgsqlParser.parse(sql, 'x.sql');
/** The line of the table a parsed `CREATE INDEX` names. */
const indexLine = (f: ReturnType<typeof parse>, i: number) => {
  const st = f.statements[i];
  return f.lineAt(st.offset + ((st.stmt.IndexStmt as { relation: { location: number } }).relation.location));
};

function replay(...files: string[]): Schema {
  const schema: Schema = { source: 'sql', origin: '.', dialect: 'postgresql', tables: new Map() };
  const r = new SqlReplay(schema);
  files.forEach((f, i) => r.apply(`${i + 1}.sql`, parse(f)));
  return schema;
}

describe('PostgreSQL SQL files', () => {
  it('parses whole files with lines from byte offsets (multi-byte text before)', () => {
    const f = parse(`-- café ☕ résumé\nCREATE TABLE "Été" (\n  id int PRIMARY KEY,\n  user_id int REFERENCES users\n);`);
    expect(f.errors).toEqual([]);
    const s = replay(`-- café ☕ résumé\nCREATE TABLE "Été" (\n  id int PRIMARY KEY,\n  user_id int REFERENCES users\n);`);
    expect(s.tables.get('Été')?.foreignKeys[0]).toMatchObject({ columns: ['user_id'], refTable: 'users', line: 4 });
  });

  it('keeps the statements around a broken one, with the broken line', () => {
    const f = parse('CREATE TABLE a (id int);\n\nCREATE TABL b (id int);\nCREATE TABLE c (a_id int REFERENCES a);\n');
    expect(f.errors).toEqual([{ line: 3, message: expect.stringContaining('syntax error') }]);
    expect(f.statements.map((s) => Object.keys(s.stmt)[0])).toEqual(['CreateStmt', 'CreateStmt']);
    expect(replay('CREATE TABLE a (id int);\n\nCREATE TABL b (id int);\nCREATE TABLE c (a_id int REFERENCES a);\n').tables.get('c')?.foreignKeys[0].line).toBe(4);
  });

  it('reports, never throws, on unterminated quotes and hostile text', () => {
    expect(parse("CREATE TABLE t (a text DEFAULT 'never closed);\nCREATE TABLE u (id int);\n").errors).toEqual([{ line: 1, message: expect.stringContaining('unterminated') }]);
    expect(() => parse('\u0000\u0001 \uffff'.repeat(1000))).not.toThrow();
    expect(parse('CREATE FUNCTION f() RETURNS int AS $$ ' + 'x;'.repeat(300000) + ' $$ LANGUAGE sql;').errors[0].message).toMatch(/longer than/);
  });

  it('splits statements around quotes, dollar-quoted bodies and comments, and parses only DDL', () => {
    const sql = [
      `INSERT INTO t VALUES ('a;b', E'it\\'s;', "we;ird");`,
      '/* a; /* nested; */ still; */ CREATE TABLE a (id int);',
      "DO $body$ BEGIN EXECUTE 'CREATE TABLE b (id int)'; END $body$;",
      '-- CREATE TABLE c (id int);',
      'CREATE INDEX ON a (id);',
    ].join('\n');
    const f = parse(sql);
    expect(f.errors).toEqual([]);
    expect(f.statements.map((s) => Object.keys(s.stmt)[0])).toEqual(['CreateStmt', 'IndexStmt']);
    expect(indexLine(f, 1)).toBe(5);
  });

  it('blanks psql meta-commands, COPY data and the down half of dbmate/goose files', () => {
    const dump = "CREATE TABLE t (id int PRIMARY KEY);\n\\connect other\nCOPY t (id, note) FROM stdin;\n1\tit's; CREATE\n2\t$$\n\\.\nCREATE INDEX t_idx ON t (id);\n";
    const f = parse(dump);
    expect(f.errors).toEqual([]);
    expect(f.statements.map((s) => Object.keys(s.stmt)[0])).toEqual(['CreateStmt', 'IndexStmt']);
    expect(indexLine(f, 1)).toBe(7);
    const goose = '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n';
    expect(parse(goose).statements.map((s) => Object.keys(s.stmt)[0])).toEqual(['CreateStmt']);
  });

  it('tells MySQL DDL apart', () => {
    expect(parse('CREATE TABLE `users` (`id` int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;').mysql).toBe(true);
    expect(parse('CREATE TABLE users (id int);').mysql).toBe(false);
  });
});

describe('replaying DDL', () => {
  it('follows renames and drops constraints by the names PostgreSQL generated (kept across a table rename)', () => {
    const s = replay(
      'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int REFERENCES p, q_id int REFERENCES p, UNIQUE (q_id));',
      'ALTER TABLE c RENAME COLUMN p_id TO parent_id; ALTER TABLE c RENAME TO child; ALTER TABLE child ADD PRIMARY KEY (id);',
      'ALTER TABLE child DROP CONSTRAINT c_q_id_key; ALTER TABLE child DROP CONSTRAINT c_q_id_fkey; CREATE INDEX ON child (parent_id); DROP INDEX child_parent_id_idx;',
    );
    const child = s.tables.get('child')!;
    expect(child.foreignKeys.map((f) => f.columns)).toEqual([['parent_id']]);
    expect(child.indexes).toEqual([]);
    expect(child.primaryKey?.columns).toEqual(['id']);
    expect(s.tables.has('c')).toBe(false);
  });

  it('promotes an index to primary key with USING INDEX and drops what a dropped column used', () => {
    const s = replay('CREATE TABLE t (id int, a int REFERENCES x, b int); CREATE UNIQUE INDEX t_id ON t (id); ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_id; CREATE INDEX t_ab ON t (a, b); ALTER TABLE t DROP COLUMN b;');
    const t = s.tables.get('t')!;
    expect(t.primaryKey).toMatchObject({ name: 't_pk', columns: ['id'] });
    expect(t.indexes).toEqual([]);
    expect(schemaProblems(s).problems.map((p) => p.kind)).toEqual(['fk-without-index']);
  });

  it('keeps schemas apart and treats public as the default', () => {
    const s = replay('CREATE TABLE public.a (id int PRIMARY KEY); CREATE TABLE billing.a (id int PRIMARY KEY, a_id int REFERENCES public.a); CREATE INDEX ON a (id);');
    expect([...s.tables.keys()]).toEqual(['a', 'billing.a']);
    expect(schemaProblems(s).problems).toHaveLength(1);
  });

  it('covers keys by leading columns only, never by partial, expression or GIN indexes', () => {
    const s = replay(`CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, FOREIGN KEY (a, b) REFERENCES x (p, q));
      CREATE INDEX i1 ON t (c, a, b); CREATE INDEX i2 ON t (a, b) WHERE c > 0; CREATE INDEX i3 ON t ((a + 1), b); CREATE INDEX i4 ON t USING gin (a, b);`);
    const t = s.tables.get('t')!;
    expect(coveringIndex(t, t.foreignKeys[0])).toBeNull();
    const ok = replay('CREATE TABLE t (a int, b int, FOREIGN KEY (a, b) REFERENCES x (p, q)); CREATE INDEX ON t USING btree (b, a, id);').tables.get('t')!;
    expect(coveringIndex(ok, ok.foreignKeys[0])?.columns).toEqual(['b', 'a', 'id']);
  });
});

describe('migration order and fixes', () => {
  it('orders Flyway versions numerically, repeatables last, other names naturally', () => {
    const names = ['V10__c.sql', 'R__views.sql', 'V2__b.sql', 'V1.1__a2.sql', 'V1__a.sql'];
    expect([...names].sort(compareMigrations)).toEqual(['V1__a.sql', 'V1.1__a2.sql', 'V2__b.sql', 'V10__c.sql', 'R__views.sql']);
    expect(['10_x.sql', '9_y.sql', '000100_z.sql'].sort(compareMigrations)).toEqual(['9_y.sql', '10_x.sql', '000100_z.sql']);
  });

  it('writes the CREATE INDEX that fixes a key, quoting what needs quoting', () => {
    expect(createIndexSql('orders', ['user_id'])).toBe('CREATE INDEX orders_user_id_idx ON orders (user_id);');
    expect(createIndexSql('billing.Post', ['authorId', 'x'])).toBe('CREATE INDEX "Post_authorId_x_idx" ON billing."Post" ("authorId", x);');
  });
});
