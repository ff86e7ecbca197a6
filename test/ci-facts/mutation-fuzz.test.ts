/**
 * Seeded mutation fuzzing: the CI fixtures of the five checks, with lines deleted, duplicated,
 * re-indented and spliced with YAML/Groovy debris (anchors, aliases, tags, flow brackets, block
 * indicators), must never make a check error. Deterministic, so a failure reproduces.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { runOne } from '../../src/engine/run-checks.js';
import { DEFAULT_SETTINGS, type Check } from '../../src/engine/check-api.js';
import pipeline from '../../checks/ci.pipeline/index.js';
import hardening from '../../checks/ci.hardening/index.js';
import gate from '../../checks/ci.readiness-gate/index.js';
import deploy from '../../checks/cd.automated-deploy/index.js';
import scanning from '../../checks/container.scanning/index.js';

const CHECKS = [pipeline, hardening, gate, deploy, scanning] as Check[];
const CHECKS_DIR = path.join(import.meta.dirname, '..', '..', 'checks');
const DEBRIS = ['', ' ', ':', '- ', '[', '{', '}', '*a', '&a ', '!reference [x, y]', '${{', '}}', 'null', '42', 'true', '|', '>-', '"', "'", '<<: *a', '- - -', '\t', '#', '%YAML 1.1', '---', "stage('", '{ sh "'];
const VARIANTS = 150;

function ciFiles(): { file: string; rel: string }[] {
  const out: { file: string; rel: string }[] = [];
  const walk = (dir: string, fixtureRoot: string | null) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, fixtureRoot ?? (path.basename(dir) === 'fixtures' ? p : null));
      else if (fixtureRoot && /\.ya?ml$|Jenkinsfile$/.test(e.name)) out.push({ file: p, rel: path.relative(fixtureRoot, p) });
    }
  };
  for (const id of CHECKS.map((c) => c.meta.id)) walk(path.join(CHECKS_DIR, id, 'fixtures'), null);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

describe('mutated CI files', () => {
  it(`${VARIANTS} seeded mutations never make a check error`, async () => {
    const files = ciFiles();
    expect(files.length).toBeGreaterThan(50);
    let seed = 20250611;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const failures: string[] = [];
    for (let k = 0; k < VARIANTS; k++) {
      const { file, rel } = files[rnd(files.length)];
      const lines = readFileSync(file, 'utf8').split('\n');
      for (let m = 1 + rnd(8); m > 0; m--) {
        const i = rnd(lines.length);
        const op = rnd(5);
        if (op === 0) lines.splice(i, 1);
        else if (op === 1) lines[i] = ' '.repeat(rnd(9)) + lines[i].trimStart();
        else if (op === 2) lines.splice(i, 0, lines[rnd(lines.length)]);
        else if (op === 3) {
          const at = rnd(lines[i].length + 1);
          lines[i] = lines[i].slice(0, at) + DEBRIS[rnd(DEBRIS.length)] + lines[i].slice(at);
        } else lines[i] = lines[i].replace(/: .*/, `: ${DEBRIS[rnd(DEBRIS.length)]}`);
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'mina-ci-fuzz-'));
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), lines.join('\n'));
      const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
      for (const check of CHECKS) {
        const options = check === hardening ? { githubOwnedSeverity: 'low' } : {};
        const r = await runOne({ check, id: check.meta.id, category: 'infra', weight: 1, severity: check.meta.severity, options, timeoutMs: 30_000, skipReason: null, readmePath: null }, repo, null, { ...DEFAULT_SETTINGS, offline: true });
        if (r.status === 'error') failures.push(`variant ${k} of ${rel}: ${check.meta.id}: ${r.reason}`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
  });
});
