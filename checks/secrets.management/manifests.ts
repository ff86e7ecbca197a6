/**
 * Secrets written into deployment files: Kubernetes `Secret` manifests whose `data`/`stringData`
 * hold real values (base64 is an encoding, not encryption), kustomize `secretGenerator` literals,
 * and secret-named variables given a literal value in Kubernetes or Compose env. SOPS-encrypted
 * manifests (a `sops:` block) are encrypted at rest and pass.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { RepoContext } from '../../src/context/repo-context.js';
import { yamlParser } from '../../src/context/parsers/yaml.js';
import type { Finding } from '../../src/engine/check-api.js';
import { asRecord, type K8sFacts } from '../../src/facts/k8s/index.js';
import type { EnvSetting } from '../../src/facts/deploy-env.js';
import { isSecretName, redact, realSecret } from './values.js';

const HINT = 'keep the manifest out of git: use External Secrets, Sealed Secrets, SOPS or a CSI secret store, and rotate the exposed values';

function decode(v: string): string | null {
  const t = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  return Buffer.from(t, 'base64').toString('utf8');
}

export function plaintextSecrets(k8s: K8sFacts): Finding[] {
  const out: Finding[] = [];
  for (const o of k8s.objects) {
    if (o.kind !== 'Secret' || o.value.sops) continue;
    for (const field of ['stringData', 'data'] as const) {
      for (const [key, raw] of Object.entries(asRecord(o.value[field]) ?? {})) {
        if (typeof raw !== 'string') continue;
        const value = field === 'data' ? decode(raw) : raw;
        // a Secret's keys are secrets by definition; judge the value only
        const secret = value === null ? null : realSecret('secret', value);
        if (!secret) continue;
        const at = o.locate([field, key]);
        out.push({ id: 'plaintext-secret', file: at.file, line: at.line, message: `Secret ${o.name ?? ''} holds ${key} in plaintext${field === 'data' ? ' (base64 is not encryption)' : ''}: ${redact(secret)}`, hint: HINT });
      }
    }
  }
  return out;
}

export async function generatorLiterals(repo: RepoContext, k8s: K8sFacts): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const k of k8s.kustomizations) {
    const yaml = await repo.parse(k.file, yamlParser);
    const root = yaml?.docs[0]?.contents;
    if (!yaml || !isMap(root)) continue;
    const gens = root.get('secretGenerator', true) as Node | undefined;
    if (!isSeq(gens)) continue;
    for (const g of gens.items) {
      const literals = isMap(g) ? (g.get('literals', true) as Node | undefined) : undefined;
      if (!isSeq(literals)) continue;
      for (const item of literals.items) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        const eq = item.value.indexOf('=');
        const secret = eq > 0 ? realSecret('secret', item.value.slice(eq + 1)) : null;
        if (!secret) continue;
        out.push({ id: 'plaintext-secret', file: k.file, line: yaml.lineAt(item.range?.[0] ?? 0), message: `secretGenerator literal ${item.value.slice(0, eq)} is committed in plaintext: ${redact(secret)}`, hint: HINT });
      }
    }
  }
  return out;
}

/** Secret-named variables with a literal value in Kubernetes or production Compose env. */
export function literalSecretEnv(settings: readonly EnvSetting[]): Finding[] {
  const out: Finding[] = [];
  for (const s of settings) {
    if (s.dev || s.ref || (s.source !== 'k8s' && s.source !== 'compose') || s.file.endsWith('.env')) continue;
    const secret = realSecret(s.name, s.value);
    if (!secret || !(isSecretName(s.name) || s.value !== secret)) continue;
    out.push({ id: 'literal-secret-env', file: s.file, line: s.line, message: `${s.name} is set to a literal value in ${s.file}: ${redact(secret)}`, hint: 'reference a Secret (valueFrom.secretKeyRef / envFrom.secretRef) or a Compose secret instead of a literal value' });
  }
  return out;
}
