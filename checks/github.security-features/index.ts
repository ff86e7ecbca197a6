/**
 * github.security-features: secret scanning, Dependabot alerts and code scanning are enabled on the
 * GitHub repository. Each required feature is a third of the score; one that GitHub will not show
 * this token makes the check error with the access needed rather than guess.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { combinedMessage } from '../../src/github/api-errors.js';
import { githubApplies } from '../../src/github/settings-applies.js';
import { FEATURES, readCodeScanning, readDependabotAlerts, readSecretScanning, type Feature, type Reading } from './read-features.js';

interface Options {
  features: Feature[];
}

const FINDINGS: Record<Feature, { id: string; hint: string }> = {
  'secret-scanning': {
    id: 'secret-scanning-off',
    hint: 'Settings → Code security → enable Secret scanning (and Push protection, which blocks commits containing known token formats)',
  },
  'dependabot-alerts': {
    id: 'dependabot-alerts-off',
    hint: 'Settings → Code security → enable Dependabot alerts (gh api -X PUT repos/OWNER/REPO/vulnerability-alerts)',
  },
  'code-scanning': {
    id: 'code-scanning-off',
    hint: 'Settings → Code security → Code scanning → CodeQL analysis → Default setup, or a workflow that uploads SARIF (mina check --format sarif works too)',
  },
};

export default defineCheck<Options>({
  meta: {
    id: 'github.security-features',
    title: 'GitHub security features enabled',
    category: 'github',
    severity: 'medium',
    description: 'Secret scanning, Dependabot alerts and code scanning are enabled on the repository.',
    optionsSchema: {
      type: 'object',
      properties: { features: { type: 'array', items: { enum: [...FEATURES] }, uniqueItems: true, minItems: 1, default: [...FEATURES] } },
      additionalProperties: false,
    },
  },
  applies: ({ settings }) => githubApplies(settings),
  async run({ settings, options, signal }) {
    const target = settings.github!;
    const info = await target.repository();
    const wanted = FEATURES.filter((f) => options.features.includes(f));
    const read: Record<Feature, () => Reading | Promise<Reading>> = {
      'secret-scanning': () => readSecretScanning(target, info),
      'dependabot-alerts': () => readDependabotAlerts(target, info, signal),
      'code-scanning': () => readCodeScanning(target, signal),
    };
    const readings = await Promise.all(wanted.map(async (f) => [f, await read[f]()] as const));
    const unknown = readings.flatMap(([, r]) => ('unknown' in r ? [r.unknown] : []));
    if (unknown.length > 0) throw new Error(combinedMessage(unknown));

    const findings: Finding[] = [];
    const notes: string[] = [];
    let on = 0;
    for (const [feature, r] of readings) {
      if ('unknown' in r) continue;
      notes.push(r.detail);
      if (r.enabled) on++;
      else findings.push({ id: FINDINGS[feature].id, message: `${r.detail} on ${target.fullName}`, hint: FINDINGS[feature].hint });
    }
    return { score: on / wanted.length, findings, notes };
  },
});
