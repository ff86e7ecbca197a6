/**
 * Helm charts: every `Chart.yaml`, its `values.yaml`, and its `templates/` rendered with those
 * values the way `helm template` would for the subset of template syntax we understand. A template
 * that uses anything else (`.Files`, `tpl`, an unknown function) or renders to invalid YAML is kept
 * as text with the reason, so checks can still read it and say they did.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { RepoContext } from '../../../context/repo-context.js';
import { yamlParser, yamlValues } from '../../../context/parsers/yaml.js';
import { isTestDataPath } from '../../test-data-paths.js';
import { asRecord, makeObject, type K8sObject } from '../objects.js';
import { documentObjects, metaField } from '../manifests.js';
import { dirName, baseName } from '../kustomize.js';
import { parseTemplate, TemplateUnsupported, type ParsedTemplate, type TNode } from './template-syntax.js';
import { Renderer } from './template-render.js';

export interface HelmChart {
  dir: string;
  name: string;
  /** Values the templates were rendered with (`values.yaml`, or empty). */
  values: Record<string, unknown>;
  /** Template files rendered to objects. */
  rendered: string[];
}

/** A chart template we could not render: read it as text, and say so. */
export interface HelmTextTemplate {
  file: string;
  chart: string;
  /** Why it was not rendered, e.g. `function "tpl" is not supported`. */
  reason: string;
  text: string;
  /** `kind:` lines found in the text. */
  kinds: Array<{ kind: string; line: number }>;
}

export interface HelmResult {
  charts: HelmChart[];
  objects: K8sObject[];
  textTemplates: HelmTextTemplate[];
}

/** API groups a plain cluster serves; `.Capabilities.APIVersions.Has` answers false for CRDs. */
const BUILTIN_API = /^(v1|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v[12]|networking\.k8s\.io\/v1|rbac\.authorization\.k8s\.io\/v1|storage\.k8s\.io\/v1|coordination\.k8s\.io\/v1|scheduling\.k8s\.io\/v1)(\/\w+)?$/;

export async function readCharts(repo: RepoContext, warnings: string[]): Promise<HelmResult> {
  const result: HelmResult = { charts: [], objects: [], textTemplates: [] };
  for (const chartFile of repo.files.filter((f) => baseName(f.path) === 'Chart.yaml' && !isTestDataPath(f.path))) {
    const dir = dirName(chartFile.path);
    const meta = await firstValue(repo, chartFile.path);
    const values = (await firstValue(repo, joinDir(dir, 'values.yaml'))) ?? {};
    const name = typeof meta?.name === 'string' ? meta.name : baseName(dir) || 'chart';
    const chart: HelmChart = { dir, name, values, rendered: [] };
    result.charts.push(chart);
    const prefix = joinDir(dir, 'templates/');
    const templates = repo.files.filter((f) => f.path.startsWith(prefix) && !f.path.startsWith(`${prefix}tests/`) && baseName(f.path) !== 'NOTES.txt');
    const parsed = new Map<string, ParsedTemplate | string>();
    const defines = new Map<string, TNode[]>();
    for (const t of templates) {
      const text = await repo.text(t.path);
      if (text === null) continue;
      try {
        const p = parseTemplate(text);
        parsed.set(t.path, p);
        for (const [k, v] of p.defines) defines.set(k, v);
      } catch (err) {
        parsed.set(t.path, (err as Error).message);
      }
    }
    const data = chartData(meta ?? {}, values);
    for (const t of templates) {
      if (baseName(t.path).startsWith('_') || !parsed.has(t.path)) continue;
      const text = (await repo.text(t.path)) ?? '';
      const p = parsed.get(t.path)!;
      const objects = typeof p === 'string' ? p : renderObjects(p, defines, { ...data, Template: { Name: t.path, BasePath: prefix.slice(0, -1) } }, t.path, dir, warnings);
      if (typeof objects === 'string') result.textTemplates.push({ file: t.path, chart: dir, reason: objects, text, kinds: kindsIn(text) });
      else {
        chart.rendered.push(t.path);
        result.objects.push(...objects);
      }
    }
  }
  return result;
}

/** Objects of one rendered template, or the reason it could not be rendered. */
function renderObjects(p: ParsedTemplate, defines: Map<string, TNode[]>, data: Record<string, unknown>, file: string, chart: string, warnings: string[]): K8sObject[] | string {
  let rendered;
  try {
    rendered = new Renderer(defines).render(p.body, data);
  } catch (err) {
    if (err instanceof TemplateUnsupported) return err.message;
    throw err;
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(rendered.text, { lineCounter, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length);
  if (broken) return `rendered output is not valid YAML (${broken.errors[0].message.split('\n')[0]})`;
  const lineAt = (offset: number) => rendered.lineMap[lineCounter.linePos(offset).line - 1] ?? 1;
  const out: K8sObject[] = [];
  for (const doc of list) {
    for (const m of documentObjects(file, doc, lineAt, warnings)) {
      const hook = asRecord(asRecord(m.value.metadata)?.annotations)?.['helm.sh/hook'];
      if (typeof hook === 'string' && /test/.test(hook)) continue;
      out.push(makeObject({ apiVersion: String(m.value.apiVersion), kind: String(m.value.kind), name: metaField(m.value, 'name'), namespace: metaField(m.value, 'namespace'), value: m.value, source: 'helm', chart }, [m.layer]));
    }
  }
  return out;
}

function chartData(meta: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const Chart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) Chart[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  return {
    Values: values,
    Chart,
    // an empty namespace renders `namespace:` as null: the object lands in the release namespace
    Release: { Name: 'release', Namespace: '', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Capabilities: {
      KubeVersion: { Version: 'v1.30.0', GitVersion: 'v1.30.0', Major: '1', Minor: '30' },
      APIVersions: { Has: (v: unknown) => typeof v === 'string' && BUILTIN_API.test(v) },
      HelmVersion: { Version: 'v3.15.0' },
    },
  };
}

async function firstValue(repo: RepoContext, path: string): Promise<Record<string, unknown> | null> {
  const file = repo.has(path) ? await repo.parse(path, yamlParser) : null;
  return file ? asRecord(yamlValues(file)[0]) : null;
}

function kindsIn(text: string): HelmTextTemplate['kinds'] {
  const out: HelmTextTemplate['kinds'] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^kind:\s*["']?([A-Za-z]{1,64})/.exec(line);
    if (m) out.push({ kind: m[1], line: i + 1 });
  });
  return out;
}

function joinDir(dir: string, rest: string): string {
  return dir ? `${dir}/${rest}` : rest;
}
