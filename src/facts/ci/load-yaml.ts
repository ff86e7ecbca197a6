/**
 * Loads CI YAML files once per run (through the shared yaml parser cache) into positioned trees,
 * recording why a file could not be used instead of throwing: a malformed or hostile CI file is a
 * problem the checks report, never a crash.
 */
import type { RepoContext } from '../../context/repo-context.js';
import { yamlParser } from '../../context/parsers/yaml.js';
import type { CiProblem } from './model.js';
import { toTree, TreeLimitError, type YMap } from './yaml-tree.js';

export class CiYamlLoader {
  readonly problems: CiProblem[] = [];
  private readonly trees = new Map<string, Promise<YMap | null>>();

  constructor(private readonly repo: RepoContext) {}

  /** The file's first document as a mapping, or null (with a recorded problem when it exists but is unusable). */
  load(path: string): Promise<YMap | null> {
    let hit = this.trees.get(path);
    if (!hit) {
      hit = this.read(path);
      this.trees.set(path, hit);
    }
    return hit;
  }

  problem(file: string, line: number, message: string): void {
    if (!this.problems.some((p) => p.file === file && p.message === message)) this.problems.push({ file, line, message });
  }

  private async read(path: string): Promise<YMap | null> {
    if (!this.repo.has(path)) return null;
    const parsed = await this.repo.parse(path, yamlParser);
    if (!parsed) {
      this.problem(path, 1, 'could not be read or parsed (binary, unreadable, not UTF-8, or too deeply nested)');
      return null;
    }
    if (parsed.error) {
      this.problem(path, parsed.error.line, `is not valid YAML: ${parsed.error.message}`);
      return null;
    }
    const doc = parsed.docs.find((d) => d.contents !== null);
    if (!doc) {
      this.problem(path, 1, 'is empty');
      return null;
    }
    const text = (await this.repo.text(path)) ?? '';
    try {
      const root = toTree(doc, { path, text, lineAt: parsed.lineAt });
      if (root?.kind === 'map') return root;
      this.problem(path, root?.line ?? 1, 'is not a YAML mapping');
    } catch (err) {
      // TreeLimitError for bombs; a RangeError from a pathological document ends up here too.
      this.problem(path, 1, `was not read: ${err instanceof TreeLimitError ? err.message : 'it is too large or too deeply nested to read safely'}`);
    }
    return null;
  }
}
