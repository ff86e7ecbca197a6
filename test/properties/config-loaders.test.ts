/**
 * Any YAML a user can write into mina.yaml or a rubric gives a loaded value or a ConfigError (the
 * CLI's exit 2), never another exception (exit 3).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfigFile } from '../../src/config/mina-config.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-prop-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text built from the characters YAML gives meaning to, so parsers see anchors, flows and blocks. */
const yamlish = fc
  .array(fc.constantFrom('a', 'b: ', '- ', '\n', '  ', '&x ', '*x', '<<: ', '{', '}', '[', ']', ', ', '"', "'", '#', '|', '>', '!!str ', '!tag ', '? ', ': ', '---\n', '...', '%YAML 1.2\n', '\t', '1', '-1.5', 'null', 'true', 'extends: ', 'checks:', 'weight: ', 'categories:', 'gate:', 'ignore:', 'minScore: ', 'levels:', 'id: ', '\u00e9', '\ufeff'), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Plausible documents: the right top-level keys holding arbitrary JSON values. */
const shaped = fc
  .record({
    extends: fc.oneof(fc.constant('default'), fc.string(), fc.integer()),
    checks: fc.oneof(fc.dictionary(fc.constantFrom('ops.runbooks', 'secrets.hardcoded', 'x'), fc.jsonValue()), fc.jsonValue()),
    categories: fc.jsonValue(),
    gate: fc.oneof(fc.record({ minScore: fc.jsonValue(), failOn: fc.jsonValue() }), fc.jsonValue()),
    ignore: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    levels: fc.jsonValue(),
    limits: fc.oneof(fc.record({ maxFileSize: fc.jsonValue() }), fc.jsonValue()),
  }, { requiredKeys: [] })
  .map((v) => stringify(v));

const anyText = fc.oneof(yamlish, shaped, fc.string({ unit: 'binary', maxLength: 200 }));

const outcomes = { loaded: 0, refused: 0 };

function loadsOrConfigError(load: () => unknown): void {
  try {
    load();
    outcomes.loaded++;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
    outcomes.refused++;
  }
}

describe('config and rubric loaders on any YAML', () => {
  let n = 0;
  it('mina.yaml: a config or a ConfigError', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const file = path.join(dir, `c${n++}`, 'mina.yaml');
        rmSync(path.dirname(file), { recursive: true, force: true });
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
        loadsOrConfigError(() => loadConfigFile(file));
      }),
      { numRuns: 300 },
    );
  });

  it('rubric: an effective rubric or a ConfigError, extends included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const file = path.join(dir, `r${n++}.yaml`);
        writeFileSync(file, text);
        loadsOrConfigError(() => loadRubric(file));
      }),
      { numRuns: 300 },
    );
  });

  it('the generators reach both outcomes, so the properties above are not vacuous', () => {
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
