/**
 * Every pip requirements file of the repository — by name, plus whatever they include with `-r`
 * and `-c` — with the `==` pins as locked packages and every line as a declared requirement.
 * A requirement with no pin counts as pinned when a constraints file reached from the same root
 * pins it, since pip then installs exactly that version.
 */
import path from 'node:path';
import type { RepoContext } from '../../context/repo-context.js';
import { normalizeName } from '../../advisories/ecosystems.js';
import { exactPin } from './pep508.js';
import { isTestDataPath } from '../test-data-paths.js';
import { parseRequirementsTxt, type RequirementsEntry } from './requirements-txt.js';
import type { DeclaredRequirement, LockFile } from './model.js';

export const REQUIREMENTS_GLOBS = ['**/requirements*.txt', '**/requirements/*.txt', '**/*[-_]requirements.txt', '**/constraints*.txt'];
const MAX_FILES = 500;

export interface RequirementsSet {
  locks: LockFile[];
  declared: DeclaredRequirement[];
}

export async function collectRequirements(repo: RepoContext): Promise<RequirementsSet> {
  const parsed = new Map<string, RequirementsEntry[]>();
  const includedBy = new Map<string, Set<string>>();
  const constraintFiles = new Set<string>();
  const queue = repo.glob(REQUIREMENTS_GLOBS, { nocase: true }).map((f) => f.path).filter((p) => !isTestDataPath(p));
  while (queue.length > 0 && parsed.size < MAX_FILES) {
    const file = queue.shift()!;
    if (parsed.has(file)) continue;
    const text = await repo.text(file);
    if (text === null) continue;
    const entries = parseRequirementsTxt(text);
    parsed.set(file, entries);
    for (const e of entries) {
      if (e.kind !== 'include' && e.kind !== 'constraint') continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), e.target.replace(/\\/g, '/')));
      if (!repo.has(target)) continue;
      if (e.kind === 'constraint') constraintFiles.add(target);
      if (!includedBy.has(target)) includedBy.set(target, new Set());
      includedBy.get(target)!.add(file);
      queue.push(target);
    }
  }

  const locks: LockFile[] = [];
  const declared: DeclaredRequirement[] = [];
  for (const [file, entries] of parsed) {
    const lock: LockFile = { path: file, kind: 'requirements', packages: [], problems: [] };
    const constrained = constraintPins(file, parsed, includedBy);
    // a constraints file bounds versions; it asks for nothing to be installed
    const isConstraints = constraintFiles.has(file) || /(^|\/)constraints[^/]*\.txt$/i.test(file);
    for (const e of entries) {
      if (e.kind === 'invalid') lock.problems.push({ line: e.line, message: `not a requirement: ${e.text.slice(0, 80)}` });
      if (e.kind === 'url' || e.kind === 'editable') {
        if (e.name && e.kind === 'url' && !isConstraints) declared.push({ ecosystem: 'PyPI', name: e.name, spec: e.text, pin: 'url', file, line: e.line });
        continue;
      }
      if (e.kind !== 'requirement') continue;
      const pin = exactPin(e.req.specifiers);
      if (pin) lock.packages.push({ ecosystem: 'PyPI', name: e.req.name, version: pin, line: e.line, dev: false });
      const spec = e.req.specifiers.map((s) => `${s.op}${s.version}`).join(',');
      const viaConstraint = !pin && constrained.has(normalizeName('PyPI', e.req.name));
      const state = e.req.url ? 'url' : pin || viaConstraint ? 'pinned' : spec ? 'range' : 'unpinned';
      if (!isConstraints) declared.push({ ecosystem: 'PyPI', name: e.req.name, spec, pin: state, file, line: e.line });
    }
    locks.push(lock);
  }
  return { locks, declared };
}

/** Names pinned by `-c` files reachable from any root that includes `file` (or from `file`). */
function constraintPins(file: string, parsed: Map<string, RequirementsEntry[]>, includedBy: Map<string, Set<string>>): Set<string> {
  const roots = new Set<string>();
  const up = [file];
  const seenUp = new Set<string>();
  while (up.length > 0) {
    const f = up.pop()!;
    if (seenUp.has(f)) continue;
    seenUp.add(f);
    const parents = includedBy.get(f);
    if (!parents || parents.size === 0) roots.add(f);
    else up.push(...parents);
  }
  const pins = new Set<string>();
  const seen = new Set<string>();
  const down = [...roots].map((r) => ({ f: r, asConstraint: false }));
  while (down.length > 0) {
    const { f, asConstraint } = down.pop()!;
    const key = `${f}\0${asConstraint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const e of parsed.get(f) ?? []) {
      if (asConstraint && e.kind === 'requirement' && exactPin(e.req.specifiers)) pins.add(normalizeName('PyPI', e.req.name));
      if (e.kind === 'include' || e.kind === 'constraint') {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), e.target.replace(/\\/g, '/')));
        down.push({ f: target, asConstraint: asConstraint || e.kind === 'constraint' });
      }
    }
  }
  return pins;
}
