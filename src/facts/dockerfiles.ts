/**
 * Every Dockerfile in the tree, parsed once per run with dockerfile-ast and reduced to what checks
 * ask about: stages (with their base image resolved through global `ARG` defaults), instructions with
 * 1-based lines, and the chain of stages whose layers end up in the final image.
 *
 * Names recognised: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, and Podman's
 * `Containerfile` / `Containerfile.*`, case-insensitively. Not Dockerfiles: `*.dockerignore`,
 * documentation (`Dockerfile.md`) and templates rendered elsewhere (`Dockerfile.j2`, `.tmpl`).
 * Files under test-data folders (see `isTestDataPath`) are left out: they describe someone else's image.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { defineFact, type RepoContext } from '../context/repo-context.js';
import { isTestDataPath } from './test-data-paths.js';

export interface DockerProperty {
  name: string;
  /** Unquoted value; null when the key has none (`ARG TOKEN`). */
  value: string | null;
  line: number;
}

export interface DockerInstruction {
  /** Upper-case keyword: `RUN`, `COPY`, ... */
  keyword: string;
  /** Arguments after the flags, continuation lines joined (heredoc bodies included). */
  args: string;
  /** Arguments split as the Dockerfile parser splits them (exec-form JSON is decoded). */
  words: string[];
  /** `--name=value` flags; repeated flags (`--mount`) keep every value. */
  flags: Array<{ name: string; value: string | null }>;
  /** Properties of `ENV`, `ARG` and `LABEL`. */
  properties: DockerProperty[];
  /** 1-based first and last line. */
  line: number;
  endLine: number;
}

export interface ImageRef {
  /** As written after `ARG` substitution, e.g. `docker.io/library/python:3.12-slim@sha256:…`. */
  ref: string;
  registry: string | null;
  /** Repository path without registry, tag or digest (`library/python` is kept as `python`). */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export type StageBase =
  | { kind: 'image'; image: ImageRef }
  | { kind: 'stage'; stage: number }
  | { kind: 'scratch' }
  /** An `ARG` with no default (or no image at all): the base is decided at build time. */
  | { kind: 'unresolved'; variable: string | null };

export interface DockerStage {
  index: number;
  /** `AS name`, lower-cased. */
  name: string | null;
  /** The `FROM` argument as written. */
  fromRaw: string;
  base: StageBase;
  /** 1-based line of the `FROM`. */
  line: number;
  /** Instructions after the `FROM`, up to the next one. */
  instructions: DockerInstruction[];
}

export interface DockerfileInfo {
  path: string;
  /** Directory of the file ('' at the root). */
  dir: string;
  /** Global `ARG`s (before the first `FROM`). */
  globalArgs: DockerProperty[];
  stages: DockerStage[];
  /** The stage `docker build` produces without `--target`: the last one. */
  final: DockerStage | null;
  /** The final stage, then the stages it is built `FROM`: every layer of the image, final first. */
  finalChain: DockerStage[];
}

const NAME = /(^|\/)((docker|container)file(\.[^/]*)?|[^/]+\.(docker|container)file)$/i;
const NOT_DOCKERFILE = /\.(dockerignore|md|markdown|rst|txt|adoc|j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|orig|bak|swp)$/i;
/** `dockerfile.ts`, `dockerfile.test.js`: source code about Dockerfiles (`Dockerfile.go` is still a Dockerfile). */
const SOURCE_CODE = /\.([cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|json|ya?ml|toml|sh|ps1|snap|lock|html|css)$/i;

export function isDockerfilePath(path: string): boolean {
  if (!NAME.test(path) || NOT_DOCKERFILE.test(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^(Dockerfile|Containerfile)\b/.test(base) || !SOURCE_CODE.test(base);
}

/**
 * Real Dockerfiles are a few KiB; dockerfile-ast needs seconds for a megabyte on one line, so a
 * larger file is reported in `repo.warnings` and left out rather than stalling the run.
 */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;

/** Every Dockerfile of the repository, in path order. */
export const dockerfilesFact = defineFact('dockerfiles', async (repo: RepoContext): Promise<DockerfileInfo[]> => {
  const out: DockerfileInfo[] = [];
  const files = repo.files.filter((f) => isDockerfilePath(f.path) && !isTestDataPath(f.path));
  // reading is I/O-bound: start every read, parse in path order
  const texts = files.map((f) => (f.size > MAX_DOCKERFILE_BYTES ? Promise.resolve(null) : repo.text(f.path)));
  for (const [i, f] of files.entries()) {
    if (f.size > MAX_DOCKERFILE_BYTES) {
      repo.warnings.push(`${f.path}: skipped, larger than ${MAX_DOCKERFILE_BYTES / 1024} KiB (not a hand-written Dockerfile)`);
      continue;
    }
    const text = await texts[i];
    if (text === null) continue;
    try {
      out.push(parseDockerfile(text, f.path));
    } catch (err) {
      repo.warnings.push(`${f.path}: could not be parsed as a Dockerfile: ${(err as Error).message}`);
    }
  }
  return out;
});

export function parseDockerfile(text: string, path: string): DockerfileInfo {
  const ast = DockerfileParser.parse(text);
  const globalArgs: DockerProperty[] = [];
  const stages: DockerStage[] = [];
  for (const node of ast.getInstructions()) {
    const ins = toInstruction(node);
    if (ins.keyword === 'FROM') stages.push(toStage(ins, stages, globalArgs));
    else if (stages.length) stages[stages.length - 1].instructions.push(ins);
    else if (ins.keyword === 'ARG') globalArgs.push(...ins.properties);
  }
  const final = stages.at(-1) ?? null;
  const finalChain: DockerStage[] = [];
  for (let s = final; s && !finalChain.includes(s); s = s.base.kind === 'stage' ? stages[s.base.stage] : null) finalChain.push(s);
  return { path, dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', globalArgs, stages, final, finalChain };
}

function toInstruction(node: Instruction): DockerInstruction {
  const keyword = node.getKeyword().toUpperCase();
  const range = node.getRange();
  const args = node.getArgumentsContent() ?? '';
  const withFlags = node as Instruction & { getFlags?: () => Array<{ getName(): string; getValue(): string | null }> };
  const withProps = node as Instruction & { getProperties?: () => Array<{ getName(): string; getValue(): string | null; getRange(): { start: { line: number } } }> };
  const props = ['ENV', 'ARG', 'LABEL'].includes(keyword) && withProps.getProperties ? withProps.getProperties() : [];
  return {
    keyword,
    args,
    words: execForm(args) ?? node.getArguments().map((a) => a.getValue()),
    flags: withFlags.getFlags ? withFlags.getFlags().map((f) => ({ name: f.getName().toLowerCase(), value: f.getValue() })) : [],
    properties: props.map((p) => ({ name: p.getName(), value: p.getValue(), line: p.getRange().start.line + 1 })),
    line: range.start.line + 1,
    endLine: range.end.line + 1,
  };
}

/** `["apt-get", "install"]` → its words; null for shell form. */
function execForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

function toStage(ins: DockerInstruction, earlier: DockerStage[], globalArgs: DockerProperty[]): DockerStage {
  const [raw = '', as, alias] = ins.words;
  const name = as?.toLowerCase() === 'as' && alias ? alias.toLowerCase() : null;
  return { index: earlier.length, name, fromRaw: raw, base: resolveBase(raw, earlier, globalArgs), line: ins.line, instructions: [] };
}

function resolveBase(raw: string, earlier: DockerStage[], globalArgs: DockerProperty[]): StageBase {
  if (!raw) return { kind: 'unresolved', variable: null };
  const expanded = expandVariables(raw, globalArgs);
  if ('missing' in expanded) return { kind: 'unresolved', variable: expanded.missing };
  const ref = expanded.value.trim();
  if (ref.toLowerCase() === 'scratch') return { kind: 'scratch' };
  const stage = earlier.findIndex((s) => s.name === ref.toLowerCase());
  if (stage >= 0) return { kind: 'stage', stage };
  return { kind: 'image', image: parseImageRef(ref) };
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` from `ARG` defaults (the last
 * definition wins, as in a build without `--build-arg`). A variable with no value anywhere makes the
 * result unknowable: it is reported as missing.
 */
export function expandVariables(text: string, vars: readonly DockerProperty[]): { value: string } | { missing: string } {
  const values = new Map<string, string | null>();
  for (const v of vars) if (v.value !== null || !values.has(v.name)) values.set(v.name, v.value);
  let missing: string | null = null;
  const value = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const current = values.get(name) ?? null;
    const set = current !== null && (current !== '' || !op?.startsWith(':'));
    if (op?.endsWith('-')) return set ? current! : (word ?? '');
    if (op?.endsWith('+')) return set ? (word ?? '') : '';
    if (current === null) missing ??= name;
    return current ?? '';
  });
  return missing !== null ? { missing } : { value };
}

/** Splits `registry/repo/path:tag@digest`; the registry is the first segment when it has a dot, a colon or is `localhost`. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const registry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost') ? first : null;
  if (registry) rest = rest.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) || null : null;
  let repository = tag !== null || colon === rest.length - 1 ? rest.slice(0, colon) : rest;
  if (repository.startsWith('library/') && (registry === null || registry === 'docker.io')) repository = repository.slice('library/'.length);
  return { ref, registry, repository: repository.toLowerCase(), tag, digest };
}

/** The stage an instruction's `--from` names: an earlier stage by name or index, else null (an image). */
export function stageNamed(file: DockerfileInfo, from: string): DockerStage | null {
  const key = from.toLowerCase();
  if (/^\d+$/.test(key)) return file.stages[Number(key)] ?? null;
  return file.stages.find((s) => s.name === key) ?? null;
}
