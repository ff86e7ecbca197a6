/**
 * secrets.hardcoded: no live-looking credential in the repository's files (and, with --history,
 * in any commit). Rules are data (src/secrets/rules.yaml, plus the `rules` option); the engine
 * prefilters by keyword, then runs only the matching rules on candidate lines.
 */
import { picomatch } from '../../src/commonjs-packages.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { effectiveRules, RULE_JSON_SCHEMA } from '../../src/secrets/rules.js';
import { scanFiles, startScanWorkers } from '../../src/secrets/scan-files.js';
import { toFinding, FIXTURE_FINDING } from '../../src/secrets/to-finding.js';
import { secretHash } from '../../src/secrets/redact.js';
import type { ScannerConfig } from '../../src/secrets/compiled-rule.js';

interface Options {
  rules: unknown[];
  disable: string[];
  allowPaths: string[];
  allowValues: string[];
  workers?: number;
  historyMaxCommits: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'secrets.hardcoded',
    title: 'No hardcoded secrets',
    category: 'security',
    severity: 'critical',
    description: 'No live-looking credential (provider token, private key, password in a URL or a secret-named key) in tracked files.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        rules: { type: 'array', items: RULE_JSON_SCHEMA, default: [] },
        disable: { type: 'array', items: { type: 'string' }, default: [] },
        allowPaths: { type: 'array', items: { type: 'string' }, default: [] },
        allowValues: { type: 'array', items: { type: 'string' }, default: [] },
        workers: { type: 'integer', minimum: 0, maximum: 16 },
        historyMaxCommits: { type: 'integer', minimum: 0, default: 0 },
      },
    },
  },
  prepare(options) {
    // worker threads boot and warm up while the tree is walked; a small tree stops them unused
    if (options.workers !== 0) startScanWorkers(configOf(options));
  },
  async run({ repo, options, settings, signal }) {
    const config = configOf(options);
    const allowed = options.allowPaths?.length ? picomatch(options.allowPaths, { dot: true }) : () => false;
    const files = repo.files.filter((f) => !allowed(f.path));
    const results = await scanFiles(files, config, { workers: options.workers, direct: repo.onDisk, read: (f) => repo.text(f.path), skipped: (path, reason) => repo.skip(path, reason), signal });

    const findings: Finding[] = [];
    const known = new Set<string>();
    for (const { path, matches } of results) {
      for (const m of matches) {
        findings.push(toFinding(path, m));
        known.add(`${m.ruleId}\0${secretHash(m.secret)}`);
      }
    }
    const notes = [`scanned ${files.length} files with ${config.ruleSet.rules.length} rules`];
    if (settings.history) {
      // the git reader is loaded only for --history
      const { scanHistory } = await import('../../src/secrets/git/history-scan.js');
      const history = await scanHistory(repo.root, config, { signal, maxCommits: options.historyMaxCommits ?? 0, skipPath: allowed });
      notes.push(history.summary);
      for (const h of history.findings) {
        if (known.has(`${h.match.ruleId}\0${secretHash(h.match.secret)}`)) continue;
        known.add(`${h.match.ruleId}\0${secretHash(h.match.secret)}`);
        findings.push(toFinding(h.path, h.match, h.commit));
      }
    }
    const fixtures = findings.filter((f) => f.id === FIXTURE_FINDING).length;
    if (fixtures > 0) notes.push(`${fixtures} value(s) in test fixtures, reported at low severity and not scored`);
    const scored = findings.length - fixtures;
    return { score: scored > 0 ? 0 : 1, findings, notes };
  },
});

/** One config per options object, so the workers `prepare` started are the ones `run` uses. */
const configs = new WeakMap<Options, ScannerConfig>();

function configOf(options: Options): ScannerConfig {
  let config = configs.get(options);
  if (!config) {
    config = { ruleSet: effectiveRules(options.rules ?? [], options.disable ?? []), allowValues: options.allowValues ?? [] };
    configs.set(options, config);
  }
  return config;
}
