/**
 * Where the service's secrets come from, when they come from somewhere managed: Kubernetes Secret
 * references, External Secrets / Sealed Secrets / CSI secret stores / Vault injection, SOPS, Compose
 * secrets, and secret-manager clients in the code (AWS, GCP, Azure, Vault, Doppler, Infisical).
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { findCallsEverywhere, findRule, shortText, valueOf, type CodeIndex } from '../../src/facts/code/index.js';
import { isSecretName } from './values.js';
import { asRecord, type K8sFacts } from '../../src/facts/k8s/index.js';
import type { ComposeFile } from '../../src/facts/compose.js';
import type { EnvSetting } from '../../src/facts/deploy-env.js';

const MANAGED_KINDS = new Set(['ExternalSecret', 'ClusterExternalSecret', 'SecretStore', 'ClusterSecretStore', 'SealedSecret', 'SecretProviderClass', 'VaultStaticSecret', 'VaultDynamicSecret', 'InfisicalSecret', 'DopplerSecret', 'OnePasswordItem']);
const MANAGER_MODULES = ['hvac', 'google.cloud.secretmanager', 'azure.keyvault.secrets', 'infisical', 'infisical_client', 'doppler_sdk', 'node-vault', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm', '@google-cloud/secret-manager', '@azure/keyvault-secrets', '@infisical/sdk', '@dopplerhq/node-sdk', 'aws-sdk/clients/secretsmanager'];

export async function secretSources(repo: RepoContext, index: CodeIndex, k8s: K8sFacts, compose: readonly ComposeFile[], env: readonly EnvSetting[]): Promise<string[]> {
  const out: string[] = [];
  const refs = env.filter((s) => s.ref === 'secret');
  if (refs.length) out.push(`Kubernetes secretKeyRef (${refs[0].file}:${refs[0].line})`);
  for (const w of k8s.workloads) {
    for (const c of w.containers) {
      if (Array.isArray(c.value.envFrom) && c.value.envFrom.some((f) => asRecord(f)?.secretRef)) out.push(`envFrom secretRef in ${w.object.file}`);
    }
    const annotations = asRecord(asRecord(asRecord(asRecord(w.object.value.spec)?.template)?.metadata)?.annotations) ?? {};
    if (Object.keys(annotations).some((k) => k.startsWith('vault.hashicorp.com/agent-inject'))) out.push(`Vault agent injection in ${w.object.file}`);
    if (Array.isArray(w.podSpec.volumes) && w.podSpec.volumes.some((v) => asRecord(asRecord(v)?.csi)?.driver === 'secrets-store.csi.k8s.io')) out.push(`CSI secret store in ${w.object.file}`);
  }
  for (const o of k8s.objects) {
    if (MANAGED_KINDS.has(o.kind) || (o.kind === 'Secret' && o.value.sops)) out.push(`${o.kind} ${o.name ?? ''} (${o.file}:${o.line})`);
  }
  for (const f of repo.glob(['.sops.yaml', '**/.sops.yaml'])) out.push(`SOPS (${f.path})`);
  for (const c of compose) if (!c.dev && c.services.some((s) => s.secrets.length)) out.push(`Compose secrets (${c.path})`);
  for (const m of MANAGER_MODULES) {
    const files = index.importing(m);
    if (files.length) out.push(`${m} in ${files[0].path}`);
  }
  for (const c of findCallsEverywhere(index, [['boto3', 'client'], ['boto3', 'session.Session().client'], ['boto3', 'Session().client']], 'python')) {
    const service = c.args[0] ? valueOf(index, c.file, c.args[0]) : null;
    if (service?.kind === 'string' && (service.value === 'secretsmanager' || service.value === 'ssm')) out.push(`AWS ${service.value} client in ${c.file.path}:${c.line}`);
  }
  return out;
}

const ENV_HEAD = /(environ|getenv|environ\.get|process\.env|^config|^env)$/;
const head = (kind: string, field: string) => ({ kind, has: { field, regex: ENV_HEAD.source } });
const PY_ENV_READS = { rule: { any: [head('call', 'function'), head('subscript', 'value')] } };
const JS_ENV_READS = { rule: { any: [head('member_expression', 'object'), head('subscript_expression', 'object')] } };

/** Secret-named env variables the code reads (`os.environ["DB_PASSWORD"]`, `process.env.API_TOKEN`). */
export function secretEnvReads(index: CodeIndex): string[] {
  const names = new Set<string>();
  // Every head below spells env or config; the native rule returns only nodes whose head may match.
  for (const file of index.mentioning('env', 'config')) {
    for (const node of findRule(file, 'env-reads', file.lang === 'python' ? PY_ENV_READS : JS_ENV_READS)) {
      const head = shortText(node.field('function') ?? node.field('value') ?? node.field('object'), 64) ?? '';
      if (!ENV_HEAD.test(head)) continue;
      const v = valueOf(index, file, node);
      if (v.kind === 'env' && v.name && isSecretName(v.name)) names.add(v.name);
    }
  }
  return [...names];
}
