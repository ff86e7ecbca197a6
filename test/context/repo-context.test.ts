import { describe, expect, it } from 'vitest';
import { Volume } from 'memfs';
import { RepoContext, defineFact } from '../../src/context/repo-context.js';
import { defineParser } from '../../src/context/parsers/parser.js';
import { yamlParser, yamlValues } from '../../src/context/parsers/yaml.js';
import { markdownParser } from '../../src/context/parsers/markdown.js';
import type { FsLike } from '../../src/context/fs-like.js';

async function context(files: Record<string, string | Buffer>) {
  const vol = Volume.fromJSON({}, '/repo');
  vol.mkdirSync('/repo', { recursive: true });
  for (const [p, c] of Object.entries(files)) {
    vol.mkdirSync(`/repo/${p}`.replace(/\/[^/]+$/, ''), { recursive: true });
    vol.writeFileSync(`/repo/${p}`, c);
  }
  const fs = vol.promises as unknown as FsLike;
  let reads = 0;
  const counting: FsLike = { ...fs, readFile: (p) => (reads++, fs.readFile(p)) } as FsLike;
  const repo = await RepoContext.create('/repo', { fs: counting, maxFileSize: 1024 * 1024 });
  return { repo, reads: () => reads };
}

describe('RepoContext', () => {
  it('parses each file once per parser however many checks ask', async () => {
    const { repo, reads } = await context({ 'a.yaml': 'x: 1\n' });
    let parses = 0;
    const parser = defineParser('counting', (t) => (parses++, t.length));
    const results = await Promise.all([repo.parse('a.yaml', parser), repo.parse('a.yaml', parser), repo.parse('a.yaml', parser)]);
    expect(results).toEqual([5, 5, 5]);
    expect(parses).toBe(1);
    await repo.parse('a.yaml', yamlParser);
    expect(reads()).toBe(1);
  });

  it('computes a fact once and shares it', async () => {
    const { repo } = await context({ 'a.txt': '' });
    let runs = 0;
    const fact = defineFact('count', (r) => (runs++, r.files.length));
    expect(await Promise.all([repo.fact(fact), repo.fact(fact)])).toEqual([1, 1]);
    expect(runs).toBe(1);
  });

  it('skips binary files with a recorded reason and decodes UTF-16 and BOMs', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le')]);
    const { repo } = await context({ 'img.txt': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'u16.txt': utf16, 'bom.txt': '\uFEFFkey: v' });
    expect(await repo.text('img.txt')).toBeNull();
    expect(repo.skipped).toEqual([{ path: 'img.txt', reason: 'binary file' }]);
    expect(await repo.text('u16.txt')).toBe('héllo');
    expect(await repo.text('bom.txt')).toBe('key: v');
    expect(await repo.text('missing.txt')).toBeNull();
  });

  it('reads many texts concurrently, in the order asked, null where there is no text', async () => {
    const { repo, reads } = await context({ 'a.md': 'A', 'b.bin': Buffer.from([0, 1, 2]), 'c.md': 'C' });
    expect(await repo.readTexts(['c.md', 'missing.md', 'b.bin', 'a.md'], 2)).toEqual(['C', null, null, 'A']);
    expect(await repo.readTexts(['a.md', 'c.md'])).toEqual(['A', 'C']);
    expect(reads()).toBe(3);
  });

  it('globs with picomatch semantics, dotfiles included', async () => {
    const { repo } = await context({ '.github/workflows/ci.yml': '', 'src/a.ts': '', 'Dockerfile': '' });
    expect(repo.glob('.github/workflows/*.{yml,yaml}').map((f) => f.path)).toEqual(['.github/workflows/ci.yml']);
    expect(repo.glob('dockerfile', { nocase: true }).map((f) => f.path)).toEqual(['Dockerfile']);
  });

  it('gives YAML documents with 1-based lines and survives alias bombs', async () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const { repo } = await context({ 'k.yaml': 'kind: A\n---\nkind: B\n', 'bomb.yaml': bomb, 'bad.yaml': 'a: [1,\n' });
    const k = (await repo.parse('k.yaml', yamlParser))!;
    expect(yamlValues(k)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(k.lineAt(k.docs[1].contents!.range![0])).toBe(3);
    expect(yamlValues((await repo.parse('bomb.yaml', yamlParser))!)).toEqual([]);
    expect((await repo.parse('bad.yaml', yamlParser))!.error?.line).toBeGreaterThan(0);
  });

  it('splits Markdown into sections with heading lines, ignoring headings in code fences', async () => {
    const md = '# Title\n\nintro\n\n```sh\n# not a heading\n```\n\n## Deploy\n\nrun it\n\n## Empty\n';
    const { repo } = await context({ 'r.md': md });
    const doc = (await repo.parse('r.md', markdownParser))!;
    expect(doc.title).toBe('Title');
    expect(doc.sections.map((s) => [s.heading, s.line, s.hasContent])).toEqual([
      ['Title', 1, true],
      ['Deploy', 9, true],
      ['Empty', 13, false],
    ]);
  });
});
