import { describe, expect, it } from 'vitest';
import { parsePrisma } from '../../src/context/parsers/prisma.js';

describe('Prisma schema parser', () => {
  it('reads models, fields, attributes with named and positional arguments', () => {
    const f = parsePrisma(`
datasource db {
  provider = "postgresql" // comment
  url      = env("DATABASE_URL")
}
/// doc comment
model Post {
  id       Int     @id @default(autoincrement())
  title    String? @db.VarChar(255)
  author   User    @relation("written", fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int     @map("author_id")
  tags     Tag[]
  raw      Unsupported("tsvector")?
  @@index([authorId, title(sort: Desc)], map: "post_author")
  @@map("posts")
}`);
    expect(f.errors).toEqual([]);
    const [ds, post] = f.blocks;
    expect(ds.settings.get('provider')).toEqual({ kind: 'string', value: 'postgresql' });
    expect(post.fields.map((x) => [x.name, x.type, x.list, x.optional, x.line])).toEqual([
      ['id', 'Int', false, false, 8],
      ['title', 'String', false, true, 9],
      ['author', 'User', false, false, 10],
      ['authorId', 'Int', false, false, 11],
      ['tags', 'Tag', true, false, 12],
      ['raw', 'Unsupported', false, true, 13],
    ]);
    const rel = post.fields[2].attributes[0];
    expect(rel.name).toBe('relation');
    expect(rel.args.map((a) => a.name)).toEqual([null, 'fields', 'references', 'onDelete']);
    expect(post.fields[1].attributes[0].name).toBe('db.VarChar');
    expect(post.attributes.map((a) => [a.name, a.line])).toEqual([['index', 14], ['map', 15]]);
    expect(post.attributes[0].args[0].value).toMatchObject({ kind: 'list', items: [{ kind: 'ident', name: 'authorId' }, { kind: 'ident', name: 'title', args: [{ name: 'sort' }] }] });
  });

  it('recovers from a broken member and an unclosed block', () => {
    const f = parsePrisma('model A {\n  id Int @id\n  ??? broken (\n  b Int\n}\nmodel B {\n  id Int @id\n');
    expect(f.blocks.map((b) => [b.name, b.fields.map((x) => x.name)])).toEqual([['A', ['id', 'b']], ['B', ['id']]]);
    expect(f.errors.map((e) => e.line)).toEqual([3, 6]);
  });

  it('never throws on hostile input', () => {
    for (const text of ['{'.repeat(10000), 'model', '"'.repeat(5000), 'model X { a b @c(((((( }', '\u0000\uffff'.repeat(1000)]) expect(() => parsePrisma(text)).not.toThrow();
  });
});
