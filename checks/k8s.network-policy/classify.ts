/**
 * What a network policy does, in the terms the check scores: does it deny all ingress (or egress)
 * by default for every pod it covers, does it allow something explicitly, or does it open everything.
 * Kubernetes NetworkPolicy, Calico (namespaced and global) and Cilium (namespaced and clusterwide)
 * policies are understood; their empty-rule semantics differ and are handled per kind.
 */
import { asRecord, type HelmTextTemplate, type K8sObject } from '../../src/facts/k8s/index.js';

export interface PolicyEffect {
  object: K8sObject;
  denyIngress: boolean;
  denyEgress: boolean;
  /** An ingress rule that admits every source to every selected pod. */
  allowAllIngress: boolean;
  /** It admits specific traffic (a rule with peers or ports). */
  allows: boolean;
  /** Applies in every namespace (Calico GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy). */
  clusterWide: boolean;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function classify(o: K8sObject): PolicyEffect | null {
  const spec = asRecord(o.value.spec) ?? {};
  const base = { object: o, denyIngress: false, denyEgress: false, allowAllIngress: false, allows: false, clusterWide: false };
  if (o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io')) {
    const all = isEmpty(spec.podSelector) || (isEmpty(asRecord(spec.podSelector)?.matchLabels) && isEmpty(asRecord(spec.podSelector)?.matchExpressions));
    // policyTypes defaults to Ingress, plus Egress when egress rules are present
    const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
    const ingress = list(spec.ingress);
    const egress = list(spec.egress);
    return {
      ...base,
      denyIngress: all && types.includes('Ingress') && ingress.length === 0,
      denyEgress: all && types.includes('Egress') && egress.length === 0,
      // in Kubernetes an empty rule `{}` matches every peer and port
      allowAllIngress: all && ingress.some(isEmpty),
      allows: [...ingress, ...egress].some((r) => !isEmpty(r)),
    };
  }
  if (/projectcalico\.org/.test(o.apiVersion) && (o.kind === 'NetworkPolicy' || o.kind === 'GlobalNetworkPolicy')) {
    const all = spec.selector === undefined || /^\s*all\(\)\s*$/.test(String(spec.selector));
    const types = list(spec.types).map(String);
    const ingress = list(spec.ingress);
    const egress = list(spec.egress);
    const denies = (rules: unknown[]) => rules.length === 0 || rules.every((r) => asRecord(r)?.action === 'Deny' && isEmpty(asRecord(r)?.source) && isEmpty(asRecord(r)?.destination));
    return {
      ...base,
      clusterWide: o.kind === 'GlobalNetworkPolicy',
      denyIngress: all && (types.includes('Ingress') || types.length === 0) && denies(ingress),
      denyEgress: all && types.includes('Egress') && denies(egress),
      allowAllIngress: all && ingress.some((r) => asRecord(r)?.action === 'Allow' && isEmpty(asRecord(r)?.source)),
      allows: [...ingress, ...egress].some((r) => asRecord(r)?.action === 'Allow'),
    };
  }
  if (o.kind === 'CiliumNetworkPolicy' || o.kind === 'CiliumClusterwideNetworkPolicy') {
    const all = isEmpty(spec.endpointSelector);
    // in Cilium an empty rule `{}` selects endpoints into default-deny and allows nothing
    const ingress = list(spec.ingress);
    const egress = list(spec.egress);
    return {
      ...base,
      clusterWide: o.kind === 'CiliumClusterwideNetworkPolicy',
      denyIngress: all && ingress.length > 0 && ingress.every(isEmpty),
      denyEgress: all && egress.length > 0 && egress.every(isEmpty),
      allowAllIngress: all && ingress.some((r) => list(asRecord(r)?.fromEntities).includes('all')),
      allows: [...ingress, ...egress].some((r) => !isEmpty(r)),
    };
  }
  return null;
}

/**
 * A NetworkPolicy Helm template that could not be rendered, read document by document: a document
 * selecting all pods (`podSelector: {}`) with no rule entries denies; one with `from`/`to`/`ports`
 * entries allows.
 */
export function classifyText(t: HelmTextTemplate): { deny: boolean; allows: boolean } {
  let deny = false;
  let allows = false;
  for (const doc of t.text.split(/^---[ \t]*$/m)) {
    if (!/^kind:\s*["']?NetworkPolicy\b/m.test(doc)) continue;
    const rules = /^\s*-\s*(from|to|ports|\{\s*\})\s*:?/m.test(doc);
    if (/podSelector:\s*\{\s*\}/.test(doc) && !rules) deny = true;
    if (rules) allows = true;
  }
  return { deny, allows };
}
