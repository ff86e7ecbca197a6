import { describe, expect, it } from 'vitest';
import { fixture, mina } from './run-mina.js';

const bad = (name: string) => fixture('bad-config', name);

describe('bad input exits 2 with a clear message', () => {
  it('malformed YAML in mina.yaml names file:line:column', () => {
    const r = mina(['check', bad('malformed-yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mina\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('an unknown key names the key, its position and what is allowed', () => {
    const r = mina(['check', bad('unknown-key')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mina\.yaml:3:1: unknown key "ignroe" \(expected one of: .*ignore/);
  });

  it('a wrong type names the path, e.g. categories[2].weight must be a number', () => {
    const r = mina(['check', bad('wrong-type')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rubric.yaml:7:13: categories[2].weight must be a number');
  });

  it('an unknown check id is reported where the rubric names it, with a suggestion', () => {
    const r = mina(['check', bad('unknown-check')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rubric\.yaml:6:3: checks "ops\.runbook" is not a known check \(did you mean .*ops\.runbooks/);
  });

  it('a missing extends target names the rubric and the line', () => {
    const r = mina(['check', bad('missing-extends')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rubric\.yaml:2:10: extends target "\.\/base-rubric\.yaml" not found/);
  });

  it('package.json#mina is validated with positions in package.json', () => {
    const r = mina(['check', bad('package-json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/package\.json:4:\d+: gate\.minScore must be a number/);
  });

  it('a negative weight is refused with its path', () => {
    const r = mina(['check', bad('bad-option')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mina\.yaml:3:13: checks\["ops\.runbooks"\]\.weight must be >= 0/);
  });

  it('a nonexistent target path', () => {
    const r = mina(['check', fixture('does-not-exist')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target path does not exist');
  });

  it('a bad flag value or unknown flag is a usage error', () => {
    expect(mina(['check', '--min-score', 'lots']).code).toBe(2);
    expect(mina(['check', '--frobnicate']).code).toBe(2);
    expect(mina(['check', '--fail-on', 'severe']).code).toBe(2);
  });

  it('a malformed --rubric file given on the command line', () => {
    const r = mina(['check', fixture('basic-repo'), '--rubric', bad('malformed-yaml/mina.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid YAML/);
  });
});
