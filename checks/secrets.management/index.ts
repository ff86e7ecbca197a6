/**
 * secrets.management: secrets reach the service from a manager or an encrypted source, never from
 * files in the repository — no committed `.env`, no plaintext Kubernetes Secret, no literal secret
 * in deployment env — and `.env` files are git-ignored.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, findCallsEverywhere } from '../../src/facts/code/index.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { composeFilesFact } from '../../src/facts/compose.js';
import { deployEnvFact } from '../../src/facts/deploy-env.js';
import { committedEnvFiles, envIgnoreFinding } from './env-files.js';
import { generatorLiterals, literalSecretEnv, plaintextSecrets } from './manifests.js';
import { secretEnvReads, secretSources } from './sources.js';

/** Share of the score each kind costs; a kind counts once. */
const PENALTY: Record<string, number> = { 'env-file-committed': 0.5, 'plaintext-secret': 0.5, 'literal-secret-env': 0.3, 'env-not-ignored': 0.25, 'no-secret-source': 0.25 };

export default defineCheck({
  meta: {
    id: 'secrets.management',
    title: 'Secrets come from a manager, not the repository',
    category: 'security',
    severity: 'medium',
    description: 'Secrets come from a manager or a sealed/encrypted source (Secret refs, External Secrets, Vault, SOPS, cloud managers), and .env files are git-ignored.',
  },
  async applies({ repo }) {
    const [index, k8s, compose] = await Promise.all([repo.fact(codeIndexFact), repo.fact(k8sFact), repo.fact(composeFilesFact)]);
    const any = index.files.length > 0 || k8s.objects.length > 0 || compose.length > 0 || repo.glob(['**/.env', '**/.env.*']).length > 0;
    return any || { applies: false, reason: 'no code, manifests or env files' };
  },
  async run({ repo }) {
    const [index, k8s, compose, env] = await Promise.all([repo.fact(codeIndexFact), repo.fact(k8sFact), repo.fact(composeFilesFact), repo.fact(deployEnvFact)]);
    const loadsDotenv =
      findCallsEverywhere(index, [['dotenv', 'load_dotenv'], ['dotenv', 'config'], ['dotenv', 'default.config'], ['dotenv', 'dotenv_values']]).length > 0 ||
      index.mentioning('dotenv/config').some((f) => f.imports.some((b) => b.module === 'dotenv/config'));
    const findings: Finding[] = [...(await committedEnvFiles(repo)), ...plaintextSecrets(k8s), ...(await generatorLiterals(repo, k8s)), ...literalSecretEnv(env.settings)];
    const ignoreFinding = await envIgnoreFinding(repo, loadsDotenv);
    if (ignoreFinding) findings.push(ignoreFinding);
    const sources = await secretSources(repo, index, k8s, compose, env.settings);
    const needed = secretEnvReads(index);
    if (k8s.workloads.length > 0 && needed.length > 0 && sources.length === 0 && !findings.some((f) => f.id === 'plaintext-secret' || f.id === 'literal-secret-env')) {
      findings.push({ id: 'no-secret-source', message: `the code reads ${needed.slice(0, 3).join(', ')} but the Kubernetes workloads reference no secret source (no secretKeyRef/secretRef, External Secrets, Sealed Secrets, SOPS, CSI store or Vault)`, hint: 'deliver secrets through Secret references backed by External Secrets, Sealed Secrets or SOPS' });
    }
    const kinds = new Set(findings.map((f) => (f.severity === 'low' ? `${f.id}:low` : f.id)));
    const cost = [...kinds].reduce((sum, k) => sum + (k.endsWith(':low') ? 0.2 : (PENALTY[k] ?? 0.25)), 0);
    return { score: Math.max(0, Math.round((1 - cost) * 100) / 100), findings, notes: [...new Set(sources)].map((s) => `secret source: ${s}`) };
  },
});
