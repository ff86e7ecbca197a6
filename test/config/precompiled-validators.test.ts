/**
 * A validator compiled at build time (ajv standalone code, as scripts/gen-validators.mjs writes it)
 * must answer exactly as the one ajv compiles at run time: same messages at the same line and
 * column, same defaults filled in. Both are built here from the schemas themselves.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, precompiledValidator, validatorFile, type AjvGroup } from '../../src/config/precompiled.js';
import { loadValidated } from '../../src/config/validated-yaml.js';
import { ConfigError } from '../../src/config/config-error.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { RULE_JSON_SCHEMA, RULES_FILE, bundledRules, parseRules } from '../../src/secrets/rules.js';
import secretsCheck from '../../checks/secrets.hardcoded/index.js';

// inside the package: the generated code requires ajv's run-time helpers, as dist/validators/ does
const cache = path.join(PACKAGE_ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, 'mina-precompiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** [build-time, run-time] validators of one schema text. */
function both(group: AjvGroup, text: string): [ValidateFunction, ValidateFunction] {
  const gen = new Ajv({ ...AJV_OPTIONS[group], code: { source: true } });
  writeFileSync(validatorFile(group, text, dir), standalone(gen, gen.compile(JSON.parse(text) as object)));
  const built = precompiledValidator(group, text, dir);
  if (!built) throw new Error('the standalone validator was not found by its schema text');
  return [built, new Ajv(AJV_OPTIONS[group]).compile(JSON.parse(text) as object)];
}

function messageOf(validate: ValidateFunction, yamlText: string): string {
  try {
    loadValidated('doc.yaml', yamlText, validate);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return 'valid';
}

const schemaText = (name: string) => readFileSync(path.join(PACKAGE_ROOT, 'schemas', `${name}.schema.json`), 'utf8');

const badRubrics = [
  'name: x\nversion: 1\ncolour: red\n',
  'name: x\nversion: zero\ncategories:\n  - title: no id\n',
  'gate:\n  failOn: fatal\n  minScore: 140\nchecks:\n  ops.runbooks:\n    weight: -1\n    severty: high\n',
  'levels:\n  - id: one\n    requires: ops.runbooks\ncategories: {}\n',
  'defaults:\n  timeoutMs: 0\n  retries: 2\nchecks: []\n',
];
const badConfigs = ['gate:\n  failOn: sometimes\nignore: node_modules\n', 'checks:\n  secrets.hardcoded:\n    wieght: 3\n    severity: urgent\nlimits:\n  maxFileSize: -5\n', 'plugins: [1, 2]\nrubric: 7\n'];

describe('precompiled validators', () => {
  it('report the same problems as run-time compilation, for rubrics and mina.yaml', () => {
    for (const [name, docs] of [['rubric', badRubrics], ['mina', badConfigs]] as const) {
      const [built, runtime] = both('config', schemaText(name));
      for (const doc of docs) {
        const expected = messageOf(runtime, doc);
        expect(expected, doc).not.toBe('valid');
        expect(messageOf(built, doc), doc).toBe(expected);
      }
    }
  });

  it('fill in the same option defaults and list the same option errors', () => {
    const [built, runtime] = both('config', JSON.stringify(secretsCheck.meta.optionsSchema));
    const a = {};
    const b = {};
    expect(built(a)).toBe(true);
    expect(runtime(b)).toBe(true);
    expect(a).toEqual(b);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    const bad = () => ({ rules: [{ id: 'Bad Id', keywords: ['ab'], flags: 'g' }], workers: 99 });
    expect(built(bad())).toBe(false);
    expect(runtime(bad())).toBe(false);
    const strip = (v: ValidateFunction) => v.errors!.map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
    expect(strip(built)).toEqual(strip(runtime));
  });

  it('agree on secret rules', () => {
    const [built, runtime] = both('rule', JSON.stringify(RULE_JSON_SCHEMA));
    const rule = { id: 'x', description: '', keywords: [], window: 0, extra: true };
    expect(built(rule)).toBe(false);
    expect(runtime(rule)).toBe(false);
    expect(built.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual(runtime.errors!.map((e) => `${e.instancePath} ${e.message}`));
  });

  it('are not used for a schema whose text changed since the build', () => {
    const text = schemaText('mina');
    both('config', text);
    expect(precompiledValidator('config', text, dir)).not.toBeNull();
    expect(precompiledValidator('config', text.replace('"object"', '"object" '), dir)).toBeNull();
  });

  it('give the bundled secret rules as rules.yaml parsed and checked (from the JSON copy once built)', () => {
    const parsed = parseRules(readFileSync(RULES_FILE, 'utf8'));
    expect(parsed.rules.length).toBeGreaterThan(10);
    expect(bundledRules()).toEqual(parsed);
  });
});
