/**
 * Test suites per ecosystem, counted from structure: pytest functions and unittest/Django TestCase
 * methods (Python syntax trees), `it`/`test` calls with a title (vitest, Jest, Mocha, node:test,
 * AVA), Go `func TestX(t *testing.T)`, JUnit `@Test`, RSpec `it "…"`, Rust `#[test]`. A tests
 * folder holding only `__init__.py` or helpers has no tests.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { codeParserFor } from '../../src/context/parsers/code.js';
import { codeLangOf, findKinds, isTestPath, isVendoredPath, kindOf, lineOf, shortText } from '../../src/facts/code/index.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

export interface Suite {
  framework: string;
  files: number;
  cases: number;
  /** First test case, for notes. */
  first: { file: string; line: number };
}

/** Test files parsed at most: the verdict needs a few cases, counts are only reported. */
const MAX_PARSED = 150;
const OTHER: Array<{ framework: string; file: RegExp; test: RegExp }> = [
  { framework: 'go test', file: /_test\.go$/, test: /^func (Test|Fuzz|Example)[A-Z_0-9]\w{0,100}\(/m },
  { framework: 'JUnit', file: /(^|\/)src\/test\/.*\.(java|kt)$/, test: /^\s*@(Test|ParameterizedTest)\b/m },
  { framework: 'RSpec', file: /(^|\/)spec\/.*_spec\.rb$/, test: /^\s*(it|specify|scenario)\s*(\(|['"])/m },
  { framework: 'cargo test', file: /\.rs$/, test: /^\s*#\[(tokio::)?test\]/m },
];

export async function testSuites(repo: RepoContext): Promise<Suite[]> {
  const suites = new Map<string, Suite>();
  const add = (framework: string, file: string, cases: number, line: number) => {
    if (!cases) return;
    const s = suites.get(framework) ?? { framework, files: 0, cases: 0, first: { file, line } };
    s.files++;
    s.cases += cases;
    suites.set(framework, s);
  };
  let parsed = 0;
  for (const f of repo.files) {
    if (isVendoredPath(f.path) || isTestDataPath(f.path) || f.size > 1024 * 1024) continue;
    const other = OTHER.find((o) => o.file.test(f.path));
    if (other) {
      const text = await repo.text(f.path);
      const m = text ? other.test.exec(text) : null;
      if (m && text) add(other.framework, f.path, count(text, other.test), text.slice(0, m.index).split('\n').length);
      continue;
    }
    const lang = codeLangOf(f.path);
    // Django's convention is a tests.py module inside each app
    if (!lang || !(isTestPath(f.path) || /(^|\/)tests?\.py$/.test(f.path)) || parsed >= MAX_PARSED) continue;
    parsed++;
    const tree = await repo.parse(f.path, codeParserFor(lang));
    if (!tree) continue;
    const file = { root: tree.root, lang };
    if (lang === 'python') {
      const tests = findKinds(file, ['function_definition']).filter((d) => /^test/.test(d.field('name')?.text() ?? ''));
      if (!tests.length) continue;
      const text = tree.root.text();
      const framework = /from django\.test|django\.test\./.test(text) ? 'Django tests' : /unittest\.TestCase|from unittest import/.test(text) ? 'unittest' : 'pytest';
      add(framework, f.path, tests.length, lineOf(tests[0]));
    } else {
      const tests = findKinds(file, ['call_expression']).filter((c) => {
        const fn = c.field('function');
        const name = shortText(fn?.kind() === 'member_expression' ? fn.field('object') : fn, 40);
        const title = c.field('arguments')?.namedChildren()[0];
        return (name === 'it' || name === 'test') && !!title && /string|template_string/.test(kindOf(title));
      });
      if (!tests.length) continue;
      const text = tree.root.text();
      const framework = /from ['"]vitest['"]|require\(['"]vitest['"]\)/.test(text) ? 'vitest' : /from ['"](node:)?test['"]/.test(text) ? 'node:test' : /from ['"]ava['"]/.test(text) ? 'AVA' : 'Jest/Mocha';
      add(framework, f.path, tests.length, lineOf(tests[0]));
    }
  }
  return [...suites.values()];
}

function count(text: string, re: RegExp): number {
  return text.match(new RegExp(re.source, 'gm'))?.length ?? 0;
}
