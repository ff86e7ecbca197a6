/**
 * What manifests ask for, for `deps.pinned`: `package.json` ranges, `pyproject.toml` (PEP 621
 * `[project]`, PEP 735 `[dependency-groups]`, Poetry's tables) and `Pipfile`. Each requirement is
 * classed pinned (one exact version), range, unpinned (no version at all) or url (git/path/URL).
 */
import semver from 'semver';
import { properties, type JsonTree } from './json-tree.js';
import type { TomlFile } from './toml-lines.js';
import { exactPin, parseRequirement, parseSpecifier } from './pep508.js';
import { parsePep440 } from '../../advisories/pep440.js';
import type { DeclaredRequirement, PinState } from './model.js';

const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

export function packageJsonRequirements(path: string, tree: JsonTree): DeclaredRequirement[] {
  const out: DeclaredRequirement[] = [];
  for (const { key, value } of properties(tree.root)) {
    if (!NPM_SECTIONS.includes(key)) continue;
    for (const dep of properties(value)) {
      if (dep.value.type !== 'string') continue;
      const spec = String(dep.value.value);
      const pin = npmPin(spec);
      if (pin) out.push({ ecosystem: 'npm', name: dep.key, spec, pin, file: path, line: tree.lines.lineAt(dep.offset) });
    }
  }
  return out;
}

/** null for local workspace/link/file references, which a lockfile does not pin either. */
function npmPin(spec: string): PinState | null {
  const s = spec.trim();
  if (/^(workspace:|link:|file:|portal:)/.test(s)) return null;
  if (s.startsWith('npm:')) return npmPin(s.slice(s.indexOf('@', 5) + 1));
  if (s === '' || s === '*' || s === 'latest' || s === 'x') return 'unpinned';
  if (/^(git|github:|gitlab:|bitbucket:|https?:)/.test(s) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(s)) return 'url';
  if (semver.valid(s)) return 'pinned';
  return semver.validRange(s) ? 'range' : 'unpinned';
}

function pep508Pin(text: string): { name: string; spec: string; pin: PinState } | null {
  const req = parseRequirement(text);
  if (!req) return null;
  const spec = req.specifiers.map((s) => `${s.op}${s.version}`).join(',');
  const pin: PinState = req.url ? 'url' : exactPin(req.specifiers) ? 'pinned' : req.specifiers.length ? 'range' : 'unpinned';
  return { name: req.name, spec, pin };
}

/** Poetry/Pipfile constraint: "1.2.3" and "==1.2.3" are exact; "^1.2", "~1.2", ">=1", "*" are not. */
function tablePin(value: unknown): { spec: string; pin: PinState } | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (v.git || v.path || v.url || v.file) return { spec: String(v.git ?? v.path ?? v.url ?? v.file), pin: 'url' };
    return tablePin(v.version ?? '*');
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '' || s === '*') return { spec: s, pin: 'unpinned' };
  const spec = parseSpecifier(s);
  if (spec) return { spec: s, pin: exactPin([spec]) ? 'pinned' : 'range' };
  return { spec: s, pin: parsePep440(s) ? 'pinned' : 'range' };
}

export function pyprojectRequirements(path: string, toml: TomlFile): DeclaredRequirement[] {
  if (!toml.value) return [];
  const doc = toml.value;
  const out: DeclaredRequirement[] = [];
  const lines = new TextLines(toml.text);
  const addPep508 = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const r = pep508Pin(item);
      if (r) out.push({ ecosystem: 'PyPI', ...r, file: path, line: lines.ofString(item) });
    }
  };
  const project = obj(doc.project);
  addPep508(project.dependencies);
  for (const list of Object.values(obj(project['optional-dependencies']))) addPep508(list);
  for (const list of Object.values(obj(doc['dependency-groups']))) addPep508(list);
  const poetry = obj(obj(doc.tool).poetry);
  const tables: Array<[string, unknown]> = [['tool.poetry.dependencies', poetry.dependencies], ['tool.poetry.dev-dependencies', poetry['dev-dependencies']]];
  for (const [group, body] of Object.entries(obj(poetry.group))) tables.push([`tool.poetry.group.${group}.dependencies`, obj(body).dependencies]);
  for (const [header, table] of tables) addTable(out, path, lines, header, table, ['python']);
  return out;
}

export function pipfileRequirements(path: string, toml: TomlFile): DeclaredRequirement[] {
  if (!toml.value) return [];
  const out: DeclaredRequirement[] = [];
  const lines = new TextLines(toml.text);
  for (const header of ['packages', 'dev-packages']) addTable(out, path, lines, header, toml.value[header], []);
  return out;
}

function addTable(out: DeclaredRequirement[], path: string, lines: TextLines, header: string, table: unknown, skip: string[]): void {
  for (const [name, value] of Object.entries(obj(table))) {
    if (skip.includes(name)) continue;
    const r = tablePin(value);
    if (r) out.push({ ecosystem: 'PyPI', name, ...r, file: path, line: lines.ofKey(header, name) });
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Line lookup in TOML source for values smol-toml has already parsed (it keeps no positions). */
class TextLines {
  private readonly rows: string[];
  constructor(text: string) {
    this.rows = text.split('\n');
  }
  ofString(value: string): number {
    const i = this.rows.findIndex((r) => r.includes(`"${value}"`) || r.includes(`'${value}'`));
    return i + 1 || 1;
  }
  ofKey(header: string, key: string): number {
    const start = this.rows.findIndex((r) => r.trim() === `[${header}]`);
    for (let i = start + 1; start >= 0 && i < this.rows.length; i++) {
      const t = this.rows[i].trim();
      if (t.startsWith('[')) break;
      const bare = t.startsWith('"') || t.startsWith("'") ? t.slice(1) : t;
      if (bare.startsWith(key) && /^["']?\s*=/.test(bare.slice(key.length))) return i + 1;
    }
    return start + 1 || 1;
  }
}
