/**
 * Turns a step's shell text into commands, following the indirections CI files use to keep logic
 * out of YAML: `npm run ci` / `yarn test` / `pnpm lint` into package.json scripts (with their pre/post
 * hooks), and `make check` into Makefile recipes and prerequisites. `cd dir` moves where those files
 * are looked up. Reads only files in the repository index, never runs anything.
 */
import path from 'node:path';
import type { RepoContext } from '../../context/repo-context.js';
import { jsonParser } from '../../context/parsers/json.js';
import { defineParser } from '../../context/parsers/parser.js';
import type { CiText, Command } from './model.js';
import { splitShell, unwrap } from './shell.js';

const MAX_DEPTH = 4;
const MAX_RESOLVED = 400;

interface Frame {
  file: string;
  line: (offset: number) => number;
  via?: string;
  depth: number;
}

export async function commandsOf(repo: RepoContext, script: CiText, cwd = ''): Promise<Command[]> {
  const out: Command[] = [];
  await walkText(repo, script.text, cwd, { file: script.file, line: (i) => script.lineAt(i), depth: 0 }, out);
  return out;
}

async function walkText(repo: RepoContext, text: string, startDir: string, frame: Frame, out: Command[]): Promise<void> {
  let dir = startDir;
  for (const raw of splitShell(text)) {
    if (out.length >= MAX_RESOLVED) return;
    const line = frame.line(raw.offset);
    if (raw.argv[0] === 'cd' || raw.argv[0] === 'pushd') {
      dir = moveTo(dir, raw.argv[1]);
      continue;
    }
    for (const argv of unwrap(raw.argv)) {
      out.push({ argv, file: frame.file, line, ...(frame.via ? { via: frame.via } : {}) });
      if (frame.depth >= MAX_DEPTH) continue;
      const next = { file: frame.file, line: () => line, depth: frame.depth + 1 };
      const npm = packageScript(argv, dir);
      if (npm) {
        const scripts = await packageScripts(repo, npm.dir);
        for (const name of [`pre${npm.name}`, npm.name, `post${npm.name}`]) {
          const body = scripts?.get(name);
          if (body) await walkText(repo, body, npm.dir, { ...next, via: `${joinPath(npm.dir, 'package.json')} scripts.${name}` }, out);
        }
      }
      const make = makeTargets(argv, dir);
      if (make) await walkMake(repo, make.file, make.targets, next, out, new Set());
    }
  }
}

function moveTo(dir: string, target: string | undefined): string {
  if (!target || target.startsWith('$') || target === '-' || target.startsWith('~')) return dir;
  if (path.posix.isAbsolute(target)) return dir; // outside the checkout ($GITHUB_WORKSPACE is rarely spelled out)
  const next = path.posix.normalize(path.posix.join(dir, target));
  return next.startsWith('..') ? dir : next === '.' ? '' : next;
}

function joinPath(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}

const YARN_BUILTINS = new Set(['add', 'install', 'remove', 'upgrade', 'up', 'info', 'init', 'config', 'cache', 'global', 'why', 'audit', 'workspace', 'workspaces', 'dlx', 'exec', 'set', 'version', 'node', 'npm', 'pack', 'publish', 'login', 'logout', 'link', 'unlink', 'constraints', 'plugin', 'explain', 'bin', 'outdated', 'import', 'licenses', 'check', 'autoclean', 'generate-lock-entry', 'owner', 'tag', 'team']);
const PNPM_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'update', 'up', 'audit', 'exec', 'dlx', 'store', 'list', 'ls', 'outdated', 'publish', 'pack', 'link', 'unlink', 'import', 'prune', 'rebuild', 'why', 'init', 'setup', 'env', 'deploy', 'fetch', 'patch', 'config', 'licenses', 'server', 'root', 'bin', 'create']);

/** The package.json script a command runs, and the directory whose package.json holds it. */
export function packageScript(argv: string[], dir: string): { name: string; dir: string } | null {
  const tool = argv[0];
  if (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm' && tool !== 'bun') return null;
  let i = 1;
  let where = dir;
  while (i < argv.length && argv[i].startsWith('-')) {
    const flag = argv[i];
    const eq = flag.indexOf('=');
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    if (name === '--prefix' || name === '--cwd' || name === '-C' || name === '--dir') {
      where = moveTo(dir, eq > 0 ? flag.slice(eq + 1) : argv[++i]);
    } else if (name === '--filter' || name === '-F' || name === '-w' || name === '--workspace') {
      if (eq < 0) i++;
      where = '\0'; // another workspace package: its scripts are not resolvable from here
    }
    i++;
  }
  const sub = argv[i];
  if (!sub) return null;
  let script: string | undefined;
  if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') script = argv[i + 1];
  else if (tool === 'npm' && (sub === 'test' || sub === 't' || sub === 'tst')) script = 'test';
  else if (tool === 'npm' && (sub === 'start' || sub === 'stop' || sub === 'restart')) script = sub;
  else if (tool === 'yarn' && !YARN_BUILTINS.has(sub)) script = sub;
  else if (tool === 'pnpm' && !PNPM_BUILTINS.has(sub)) script = sub;
  if (!script || script.startsWith('-')) return null;
  return { name: script, dir: where };
}

async function packageScripts(repo: RepoContext, dir: string): Promise<Map<string, string> | null> {
  if (dir === '\0') return null;
  const file = joinPath(dir, 'package.json');
  if (!repo.has(file)) return null;
  const parsed = await repo.parse(file, jsonParser);
  const scripts = (parsed?.value as { scripts?: unknown } | undefined)?.scripts;
  if (!scripts || typeof scripts !== 'object') return null;
  return new Map(Object.entries(scripts as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function makeTargets(argv: string[], dir: string): { file: string; targets: string[] } | null {
  if (argv[0] !== 'make' && argv[0] !== 'gmake') return null;
  let where = dir;
  let file: string | null = null;
  const targets: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w === '-C' || w === '--directory') where = moveTo(dir, argv[++i]);
    else if (w === '-f' || w === '--file' || w === '--makefile') file = argv[++i] ?? null;
    else if (w.startsWith('-') || w.includes('=')) continue;
    else targets.push(w);
  }
  return { file: file ? joinPath(where, file) : joinPath(where, 'Makefile'), targets };
}

interface MakeRule {
  prerequisites: string[];
  recipe: { text: string; line: number }[];
}

interface MakeRules {
  first: string | null;
  byTarget: Map<string, MakeRule>;
}

async function walkMake(repo: RepoContext, file: string, targets: string[], frame: Frame, out: Command[], seen: Set<string>): Promise<void> {
  const rules = repo.has(file) ? await repo.parse(file, makefileParser) : null;
  if (!rules) return;
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const wanted = targets.length ? targets : rules.first ? [rules.first] : [];
  for (const target of wanted) {
    if (seen.has(target) || seen.size > 50 || out.length >= MAX_RESOLVED) continue;
    seen.add(target);
    const rule = rules.byTarget.get(target);
    if (!rule) continue;
    await walkMake(repo, file, rule.prerequisites, frame, out, seen);
    for (const line of rule.recipe) {
      await walkText(repo, line.text, dir, { file: frame.file, line: frame.line, via: `${file} target ${target}`, depth: frame.depth }, out);
    }
  }
}

/** Rules of a Makefile: `target …: prerequisites` lines and their tab-indented recipe lines. */
const makefileParser = defineParser<MakeRules>('makefile-rules', (text) => {
  const byTarget = new Map<string, MakeRule>();
  let first: string | null = null;
  let current: MakeRule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.startsWith('\t')) {
      const recipe = raw.slice(1).replace(/^[@+-]+/, '').replace(/\$[({]MAKE[)}]/g, 'make');
      for (const rule of current) rule.recipe.push({ text: recipe, line: i + 1 });
      continue;
    }
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z0-9_./%-][A-Za-z0-9_./%\s-]{0,200}?)\s*::?\s*(?!=)([^=;#]*)/.exec(raw);
    if (!m) {
      current = [];
      continue;
    }
    const targets = m[1].trim().split(/\s+/);
    const prerequisites = m[2].trim().split(/\s+/).filter(Boolean);
    current = targets.map((t) => {
      const rule = byTarget.get(t) ?? { prerequisites: [], recipe: [] };
      rule.prerequisites.push(...prerequisites);
      byTarget.set(t, rule);
      if (first === null && !t.startsWith('.')) first = t;
      return rule;
    });
  }
  return { first, byTarget };
});
