/**
 * Kubernetes facts, collected once per run: `await repo.fact(k8sFact)`.
 *
 * - `objects`: every cluster object the repository deploys — plain manifests (multi-document files,
 *   `kind: List`), kustomize resources built through their production overlay, and Helm templates
 *   rendered with the chart's `values.yaml`. Each has an effective `value` and `locate(path)` → the
 *   file and line to edit. Overlay patches are merged into their base object, never objects themselves.
 * - `workloads`: the objects that run pods, with containers and pod labels.
 * - `textTemplates`: Helm templates that could not be rendered, as text with the reason.
 * - `kustomizations`, `patches`, `charts`: the layout, for checks that reason about it.
 * - `warnings`: malformed or skipped documents (never thrown).
 */
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import { readManifests } from './manifests.js';
import { readKustomizations, type Kustomization, type KustomizePatch } from './kustomize.js';
import { buildObjects } from './kustomize-build.js';
import { readCharts, type HelmChart, type HelmTextTemplate } from './helm/charts.js';
import { toWorkloads, type Workload } from './workloads.js';
import type { K8sObject } from './objects.js';

export type { K8sObject, FieldPath, SourceLocation } from './objects.js';
export { asRecord, getPath } from './objects.js';
export type { Kustomization, KustomizePatch } from './kustomize.js';
export type { HelmChart, HelmTextTemplate } from './helm/charts.js';
export type { Workload, K8sContainer, WorkloadClass } from './workloads.js';
export { toWorkloads, selectorMatches, equalitySelector, sameNamespace, autoscalerFor, isWorkloadKind } from './workloads.js';

export interface K8sFacts {
  objects: K8sObject[];
  workloads: Workload[];
  textTemplates: HelmTextTemplate[];
  kustomizations: Kustomization[];
  /** Overlay patches (strategic merge and JSON 6902), already merged into `objects`. */
  patches: KustomizePatch[];
  charts: HelmChart[];
  warnings: string[];
}

export const k8sFact = defineFact('k8s', async (repo: RepoContext): Promise<K8sFacts> => {
  const warnings: string[] = [];
  await readAhead(repo);
  const helm = await readCharts(repo, warnings);
  // chart templates are not YAML until rendered; everything else in a chart dir is plain
  const chartDirs = helm.charts.map((c) => (c.dir ? `${c.dir}/templates/` : 'templates/'));
  const kustomizations = await readKustomizations(repo, warnings);
  const raw = await readManifests(repo, chartDirs, warnings);
  const objects = [...buildObjects(raw, kustomizations), ...helm.objects];
  for (const w of warnings) repo.warnings.push(w);
  return {
    objects,
    workloads: toWorkloads(objects),
    textTemplates: helm.textTemplates,
    kustomizations,
    patches: kustomizations.flatMap((k) => k.patches),
    charts: helm.charts,
    warnings,
  };
});

/**
 * Reading is I/O-bound and the collectors below read file by file: start every YAML and chart read
 * up front (a bounded number at a time) so they hit the text cache.
 */
async function readAhead(repo: RepoContext): Promise<void> {
  const paths = repo.glob(['**/*.{yaml,yml,tpl}', '**/Kustomization'], { nocase: true }).filter((f) => f.size <= READ_AHEAD_MAX_FILE).map((f) => f.path);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await repo.text(paths[next++]);
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Files larger than this are read when needed, not ahead (the text cache is bounded). */
const READ_AHEAD_MAX_FILE = 512 * 1024;

/** True when the repository holds any Kubernetes manifest, rendered or not. */
export function hasKubernetes(facts: K8sFacts): boolean {
  return facts.objects.length > 0 || facts.textTemplates.length > 0;
}
