/**
 * Load-test scripts, recognised by structure per tool: k6 scripts (import from `k6`, a default
 * export or `options`), Locust user classes with tasks, Artillery configs (target + scenarios),
 * autocannon calls, JMeter test plans (thread group + HTTP sampler), Gatling simulations with
 * `setUp`. Tests folders are included: that is where load tests live.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import { codeParserFor } from '../../src/context/parsers/code.js';
import { codeLangOf, collectImports, findKinds, isVendoredPath, lineOf } from '../../src/facts/code/index.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

export interface LoadTest {
  tool: string;
  file: string;
  line: number;
}

export async function loadTests(repo: RepoContext): Promise<LoadTest[]> {
  const out: LoadTest[] = [];
  for (const f of repo.files) {
    if (isVendoredPath(f.path) || isTestDataPath(f.path) || f.size > 1024 * 1024) continue;
    const lang = codeLangOf(f.path);
    if (lang) {
      const text = await repo.text(f.path);
      // cheap gate before parsing: an import of one of the tools
      if (!text || !/['"](k6|k6\/[\w/-]+|autocannon)['"]|^\s*(from|import)\s+locust\b/m.test(text)) continue;
      const tree = await repo.parse(f.path, codeParserFor(lang));
      if (!tree) continue;
      const imports = collectImports(tree.root, lang);
      const file = { root: tree.root, lang };
      if (lang === 'python' && imports.some((b) => b.module === 'locust' || b.module.startsWith('locust.'))) {
        const user = findKinds(file, ['class_definition']).find((c) => /\b(HttpUser|FastHttpUser|User)\b/.test(c.field('superclasses')?.text() ?? '') && /@task|\btasks\s*=/.test(c.text()));
        if (user) out.push({ tool: 'Locust', file: f.path, line: lineOf(user) });
      } else if (lang !== 'python' && imports.some((b) => b.module === 'k6' || b.module.startsWith('k6/'))) {
        const entry = findKinds(file, ['export_statement']).find((e) => /^export\s+(default\b|const\s+options\b|function\s+setup\b)/.test(e.text()));
        if (entry) out.push({ tool: 'k6', file: f.path, line: lineOf(entry) });
      } else if (lang !== 'python' && imports.some((b) => b.module === 'autocannon')) {
        const local = imports.find((b) => b.module === 'autocannon')!.local;
        const call = findKinds(file, ['call_expression']).find((c) => c.field('function')?.text() === local);
        if (call) out.push({ tool: 'autocannon', file: f.path, line: lineOf(call) });
      }
    } else if (/\.ya?ml$/.test(f.path)) {
      const text = await repo.text(f.path);
      if (!text || !/scenarios\s*:/.test(text)) continue;
      const yaml = await repo.parse(f.path, yamlParser);
      const doc = yaml?.docs[0];
      if (!doc || doc.errors.length) continue;
      const v = doc.toJS({ maxAliasCount: 100 }) as { config?: { target?: unknown; phases?: unknown }; scenarios?: unknown } | null;
      if (v?.config && (typeof v.config.target === 'string' || Array.isArray(v.config.phases)) && Array.isArray(v.scenarios) && v.scenarios.length) out.push({ tool: 'Artillery', file: f.path, line: 1 });
    } else if (/\.jmx$/.test(f.path)) {
      const text = await repo.text(f.path);
      if (text && /<jmeterTestPlan\b/.test(text) && /ThreadGroup/.test(text) && /HTTPSamplerProxy|HTTPSampler/.test(text)) out.push({ tool: 'JMeter', file: f.path, line: 1 });
    } else if (/\.(scala|java|kt)$/.test(f.path)) {
      const text = await repo.text(f.path);
      if (text && /io\.gatling/.test(text) && /\bextends\s+Simulation\b|:\s*Simulation\(\)/.test(text) && /\bsetUp\s*\(/.test(text)) out.push({ tool: 'Gatling', file: f.path, line: text.slice(0, text.search(/\bextends\s+Simulation\b|:\s*Simulation\(\)/)).split('\n').length });
    }
  }
  return out;
}
