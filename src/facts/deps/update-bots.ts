/**
 * Dependency update bots as configured in the repository: Dependabot version updates
 * (`.github/dependabot.yml`, its `updates` entries with ecosystem, directories and schedule) and
 * Renovate (its config files or the `renovate` key of package.json, with `enabled` and
 * `enabledManagers`). Ecosystems are reduced to the two this project checks, npm and PyPI, plus
 * docker.
 */
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { RepoContext } from '../../context/repo-context.js';
import { yamlParser } from '../../context/parsers/yaml.js';
import { jsonParser } from '../../context/parsers/json.js';

export type UpdateEcosystem = 'npm' | 'PyPI' | 'docker';

export interface DependabotEntry {
  ecosystem: UpdateEcosystem | null;
  /** Directories as written, without leading/trailing slashes ('' is the root); may be globs. */
  directories: string[];
  line: number;
}

export interface UpdateBots {
  dependabot: { file: string; line: number; entries: DependabotEntry[]; problems: Array<{ line: number; message: string }> } | null;
  /** Renovate config file and the ecosystems it updates (null: every manager, the default). */
  renovate: { file: string; ecosystems: UpdateEcosystem[] | null; enabled: boolean } | null;
}

const DEPENDABOT_ECOSYSTEMS: Record<string, UpdateEcosystem> = { npm: 'npm', bun: 'npm', pip: 'PyPI', uv: 'PyPI', docker: 'docker' };
const RENOVATE_MANAGERS: Record<string, UpdateEcosystem> = {
  npm: 'npm',
  'pip_requirements': 'PyPI',
  'pip-compile': 'PyPI',
  'pip_setup': 'PyPI',
  pipenv: 'PyPI',
  poetry: 'PyPI',
  pep621: 'PyPI',
  'setup-cfg': 'PyPI',
  dockerfile: 'docker',
};
const RENOVATE_FILES = ['renovate.json', 'renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5', '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json', '.gitlab/renovate.json5'];

export async function readUpdateBots(repo: RepoContext): Promise<UpdateBots> {
  return { dependabot: await readDependabot(repo), renovate: await readRenovate(repo) };
}

async function readDependabot(repo: RepoContext): Promise<UpdateBots['dependabot']> {
  const file = ['.github/dependabot.yml', '.github/dependabot.yaml'].find((f) => repo.has(f));
  if (!file) return null;
  const yaml = await repo.parse(file, yamlParser);
  const out = { file, line: 1, entries: [] as DependabotEntry[], problems: [] as Array<{ line: number; message: string }> };
  if (!yaml || yaml.error) {
    out.problems.push({ line: yaml?.error?.line ?? 1, message: yaml?.error?.message ?? 'unreadable' });
    return out;
  }
  const root = yaml.docs[0]?.contents;
  if (!isMap(root)) {
    out.problems.push({ line: 1, message: 'not a YAML mapping' });
    return out;
  }
  if (String(root.get('version')) !== '2') out.problems.push({ line: 1, message: 'version: 2 is missing' });
  const updates = root.get('updates', true);
  const updatesPair = root.items.find((p) => String((p.key as { value?: unknown })?.value) === 'updates');
  out.line = yaml.lineAt((updatesPair?.key as { range?: [number] } | undefined)?.range?.[0] ?? 0);
  if (!isSeq(updates)) {
    out.problems.push({ line: out.line, message: 'updates: is not a list' });
    return out;
  }
  for (const item of updates.items) {
    if (!isMap(item)) continue;
    const map = item as YAMLMap;
    const line = yaml.lineAt(map.range?.[0] ?? 0);
    const eco = map.get('package-ecosystem');
    const schedule = map.get('schedule', true);
    if (typeof eco !== 'string' || !isMap(schedule) || !schedule.get('interval')) {
      out.problems.push({ line, message: 'an update entry needs package-ecosystem and schedule.interval' });
      continue;
    }
    const dirs = map.get('directories', true);
    const raw = isSeq(dirs) ? dirs.items.map((d) => String((d as { value?: unknown }).value ?? '')) : [String(map.get('directory') ?? '/')];
    out.entries.push({ ecosystem: DEPENDABOT_ECOSYSTEMS[eco] ?? null, directories: raw.map(trimSlashes), line });
  }
  return out;
}

async function readRenovate(repo: RepoContext): Promise<UpdateBots['renovate']> {
  const file = RENOVATE_FILES.find((f) => repo.has(f));
  let config: unknown;
  if (file) {
    const text = (await repo.text(file)) ?? '';
    const errors: ParseError[] = [];
    // JSON5 files are read as JSON with comments; an unreadable one still means Renovate is set up
    config = parseJsonc(text, errors, { allowTrailingComma: true });
  } else if (repo.has('package.json')) {
    const pkg = await repo.parse('package.json', jsonParser);
    const value = pkg?.value as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object' || !('renovate' in value)) return null;
    config = value.renovate;
  } else {
    return null;
  }
  const c = (config && typeof config === 'object' ? config : {}) as Record<string, unknown>;
  const managers = Array.isArray(c.enabledManagers) ? c.enabledManagers.map(String) : null;
  const ecosystems = managers ? [...new Set(managers.flatMap((m) => (RENOVATE_MANAGERS[m] ? [RENOVATE_MANAGERS[m]] : [])))] : null;
  return { file: file ?? 'package.json', ecosystems, enabled: c.enabled !== false };
}

function trimSlashes(dir: string): string {
  return dir.trim().replace(/^\.?\/+/, '').replace(/\/+$/, '');
}
