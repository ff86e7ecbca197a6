/**
 * Turns raw manifests into effective objects the way a deployment would see them. A manifest that a
 * kustomization lists is built through one chain of kustomizations (base → overlay → ...): the chain
 * reaching a production-looking overlay if there is one, else the only chain, else the base alone —
 * so a `dev` overlay's patches never decide what production runs. Patches and `replicas:` overrides
 * along the chain are merged in, and the outermost `namespace:` wins, as in `kustomize build`.
 */
import { makeObject, type K8sObject, type SourceLayer } from './objects.js';
import { metaField, type RawManifest } from './manifests.js';
import { patchTargets, type Kustomization } from './kustomize.js';
import { applyJsonPatch, strategicMerge } from './merge.js';

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout']);
const MAX_CHAINS = 64;

export function buildObjects(raw: readonly RawManifest[], kustomizations: readonly Kustomization[]): K8sObject[] {
  const patchFiles = new Set(kustomizations.flatMap((k) => k.patches.map((p) => p.file)));
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const parents = new Map<string, Kustomization[]>();
  for (const k of kustomizations) for (const b of k.bases) parents.set(b, [...(parents.get(b) ?? []), k]);
  const owners = new Map<string, Kustomization[]>();
  for (const k of kustomizations) for (const f of k.resourceFiles) owners.set(f, [...(owners.get(f) ?? []), k]);

  const out: K8sObject[] = [];
  for (const m of raw) {
    if (patchFiles.has(m.file)) continue;
    const chain = chooseChain((owners.get(m.file) ?? []).flatMap((o) => chainsFrom(o, parents, byDir)));
    out.push(build(m, chain));
  }
  return out;
}

/** Every chain from a kustomization up to a root overlay (one nobody builds on), inner first. */
function chainsFrom(start: Kustomization, parents: Map<string, Kustomization[]>, byDir: Map<string, Kustomization>): Kustomization[][] {
  const chains: Kustomization[][] = [];
  const walk = (chain: Kustomization[]) => {
    if (chains.length >= MAX_CHAINS) return;
    const up = (parents.get(chain[chain.length - 1].dir) ?? []).filter((p) => !chain.includes(p));
    if (up.length === 0) chains.push(chain);
    for (const p of up) walk([...chain, p]);
  };
  if (byDir.has(start.dir)) walk([start]);
  return chains;
}

function chooseChain(chains: Kustomization[][]): Kustomization[] {
  if (chains.length === 0) return [];
  const production = chains.find((c) => c.some((k) => k.production));
  if (production) return production;
  if (chains.length === 1) return chains[0];
  return [chains[0][0]];
}

function build(m: RawManifest, chain: readonly Kustomization[]): K8sObject {
  const kind = String(m.value.kind);
  const name = metaField(m.value, 'name');
  let value: unknown = m.value;
  const layers: SourceLayer[] = [m.layer];
  for (const k of chain) {
    for (const patch of k.patches) {
      if (!patchTargets(patch, kind, name)) continue;
      if (patch.format === 'json6902') value = applyJsonPatch(value, patch.value as unknown[]);
      else value = strategicMerge(value, patch.value);
      if (patch.manifest) layers.push(patch.manifest.layer);
    }
    const override = k.replicas.find((r) => r.name === name);
    if (override && REPLICATED.has(kind)) value = strategicMerge(value, { spec: { replicas: override.count } });
  }
  // a JSON patch may replace the whole document with something that is not an object
  const effective = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : m.value;
  const namespace = [...chain].reverse().find((k) => k.namespace)?.namespace ?? metaField(effective, 'namespace');
  const overlay = chain.length > 1 || chain[0]?.overlay ? chain[chain.length - 1].dir : undefined;
  return makeObject(
    { apiVersion: String(effective.apiVersion ?? m.value.apiVersion), kind, name, namespace, value: effective, source: 'manifest', ...(overlay !== undefined ? { overlay } : {}) },
    layers,
  );
}
