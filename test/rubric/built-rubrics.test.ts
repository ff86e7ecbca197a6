/**
 * A bundled rubric read from the build's JSON (dist/rubrics.json) must be exactly the one its YAML
 * chain gives, and the JSON must step aside as soon as a file it was made from no longer matches.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BUILT_RUBRICS_FILE, BUNDLED_RUBRICS_DIR, builtRubric, type BuiltRubrics } from '../../src/rubric/built-rubrics.js';
import { loadRubric, parseRubric, resolveRubricRef } from '../../src/rubric/load-rubric.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mina-built-rubrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundled = readdirSync(BUNDLED_RUBRICS_DIR).filter((n) => n.endsWith('.yaml'));
const stored = (): BuiltRubrics => JSON.parse(readFileSync(BUILT_RUBRICS_FILE, 'utf8')) as BuiltRubrics;

function writeBuilt(name: string, edit: (b: BuiltRubrics) => void): string {
  const built = stored();
  edit(built);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(built));
  return file;
}

describe('bundled rubrics from the build', () => {
  it('equal their YAML chains exactly, positions, sources and key order included', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(2);
    for (const name of bundled) {
      const file = resolveRubricRef(name.replace(/\.yaml$/, ''), process.cwd());
      const fromJson = builtRubric(file);
      expect(fromJson, `${name} has no usable JSON copy: was the build run?`).not.toBeNull();
      const fromYaml = parseRubric(file);
      expect(fromYaml.positions.size).toBeGreaterThan(0);
      expect(isDeepStrictEqual(fromJson, fromYaml), name).toBe(true);
      expect(Object.keys(fromJson!)).toEqual(Object.keys(fromYaml));
      expect([...fromJson!.positions]).toEqual([...fromYaml.positions]);
      expect(loadRubric(file)).toStrictEqual(fromYaml);
    }
  });

  it('give a fresh object per load, so one run cannot change the next one\'s rubric', () => {
    const file = resolveRubricRef('default', process.cwd());
    const a = loadRubric(file);
    a.checks = {};
    expect(Object.keys(loadRubric(file).checks).length).toBeGreaterThan(0);
  });

  it('are not used when a source file or the rubric schema changed since the build', () => {
    const file = resolveRubricRef('secrets', process.cwd());
    expect(builtRubric(file, writeBuilt('same.json', () => {}))).not.toBeNull();
    const staleSource = writeBuilt('stale-source.json', (b) => {
      b.rubrics['secrets.yaml'].sources[0].sha256 = '0'.repeat(64);
    });
    expect(builtRubric(file, staleSource)).toBeNull();
    const staleSchema = writeBuilt('stale-schema.json', (b) => {
      b.schema = '0'.repeat(64);
    });
    expect(builtRubric(file, staleSchema)).toBeNull();
    expect(builtRubric(file, path.join(dir, 'missing.json'))).toBeNull();
    expect(builtRubric(path.join(dir, 'secrets.yaml'))).toBeNull(); // not in the bundled folder
  });

  it('serve as the base of a user rubric that extends one, as the YAML would', () => {
    const user = path.join(dir, 'team.yaml');
    writeFileSync(user, 'name: team\nextends: default\nchecks:\n  secrets.hardcoded:\n    weight: 7\n');
    const viaJson = loadRubric(user);
    expect(viaJson.sources).toEqual([user, resolveRubricRef('default', dir)]);
    expect(viaJson.checks['secrets.hardcoded'].weight).toBe(7);
    expect(viaJson).toStrictEqual(parseRubric(user));
  });
});
