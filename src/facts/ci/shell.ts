/**
 * Reads CI shell text as commands: a small POSIX-ish tokenizer (quotes, escapes, comments,
 * continuations, heredocs, redirections, `;` `&&` `||` `|` separators) and the removal of the
 * wrappers people put in front of the command that matters (`sudo`, `npx`, `poetry run`,
 * `python -m`, `docker compose run svc` …). Linear in the input: every character is looked at once.
 */

export interface RawCommand {
  argv: string[];
  /** Index in the script of the command's first character. */
  offset: number;
}

const MAX_COMMANDS = 5000;
const MAX_WORDS = 256;
const SEPARATORS = new Set(['\n', ';', '&', '|', '(', ')', '`']);

export function splitShell(script: string): RawCommand[] {
  const out: RawCommand[] = [];
  let argv: string[] = [];
  let word: string | null = null;
  let offset = -1;
  let heredoc: string | null = null;
  const endWord = () => {
    if (word !== null && argv.length < MAX_WORDS) argv.push(word);
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (argv.length && out.length < MAX_COMMANDS) out.push({ argv, offset });
    argv = [];
    offset = -1;
  };
  const add = (s: string, at: number) => {
    if (offset < 0) offset = at;
    word = (word ?? '') + s;
  };
  const n = script.length;
  for (let i = 0; i < n; i++) {
    const c = script[i];
    if (c === '\n' && heredoc !== null) {
      endCommand();
      // Skip the heredoc body up to its delimiter line: it is data, not commands.
      let j = i + 1;
      while (j < n) {
        const eol = script.indexOf('\n', j);
        const line = script.slice(j, eol < 0 ? n : eol).trim();
        j = eol < 0 ? n : eol + 1;
        if (line === heredoc) break;
      }
      heredoc = null;
      i = j - 1;
      continue;
    }
    if (c === '\\') {
      if (script[i + 1] === '\n') i++;
      else if (i + 1 < n) add(script[++i], i - 1);
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      add(script.slice(i + 1, end), i);
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < n && '"\\$`'.includes(script[j + 1])) j++;
        s += script[j++];
      }
      add(s, i);
      i = j;
      continue;
    }
    if (c === '#' && word === null) {
      const eol = script.indexOf('\n', i);
      i = (eol < 0 ? n : eol) - 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    if (c === '>' || c === '<') {
      if (c === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
        endWord();
        const m = /^<<-?\s*['"]?([A-Za-z_][\w-]{0,40})/.exec(script.slice(i, i + 64));
        if (m) heredoc = m[1];
        i += (m?.[0].length ?? 2) - 1;
        continue;
      }
      if (word !== null && /^\d+$/.test(word)) word = null; // a file-descriptor number, not a word
      endWord();
      let j = i + 1;
      while (j < n && (script[j] === '>' || script[j] === '&' || script[j] === '|' || /\d/.test(script[j]))) j++;
      while (j < n && (script[j] === ' ' || script[j] === '\t')) j++;
      // Drop the redirection target word, quoted parts and $(…) included: > "/backups/$(date +%F).dump".
      while (j < n && !/[\s;&|()<>]/.test(script[j])) {
        const quote = script[j] === '"' || script[j] === "'" ? script[j] : script[j] === '$' && script[j + 1] === '(' ? ')' : null;
        const close = quote ? script.indexOf(quote, j + 1) : j;
        j = close < 0 ? n : close + 1;
      }
      i = j - 1;
      continue;
    }
    if (SEPARATORS.has(c)) {
      endCommand();
      continue;
    }
    add(c, i);
  }
  endCommand();
  return out;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done', 'esac', 'exec', 'time', 'nohup', 'command', 'builtin', 'call', '&']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Wrapper → how many leading words it takes (flags are skipped as well). */
const PREFIX_WRAPPERS: Record<string, number> = { sudo: 1, env: 1, 'xvfb-run': 1, nice: 1, stdbuf: 1, 'cross-env': 1, dotenv: 1, catchsegv: 1 };
const RUNNERS = new Set(['poetry', 'pipenv', 'uv', 'pdm', 'rye', 'hatch', 'pixi', 'bundle', 'conda', 'mamba', 'micromamba']);

/**
 * The commands a simple command stands for: itself with wrappers removed, plus, for
 * `docker compose run svc cmd …` and `sh -c "…"`, what runs inside.
 */
export function unwrap(argv: string[], depth = 0): string[][] {
  let a = argv.slice();
  for (let guard = 0; guard < 12 && a.length; guard++) {
    const head = baseName(a[0]);
    if (KEYWORDS.has(a[0]) || ASSIGNMENT.test(a[0])) a = a.slice(1);
    else if (head in PREFIX_WRAPPERS) a = skipFlags(a.slice(1), true);
    else if (head === 'timeout') a = skipFlags(a.slice(1)).slice(1);
    else if (head === 'npx' || head === 'bunx' || head === 'pnpx' || head === 'uvx') a = packageRunner(a.slice(1));
    else if (head === 'pipx' && a[1] === 'run') a = packageRunner(a.slice(2));
    else if ((head === 'npm' || head === 'pnpm' || head === 'yarn') && (a[1] === 'exec' || a[1] === 'dlx' || a[1] === 'x')) a = packageRunner(a.slice(2));
    else if (RUNNERS.has(head) && (a[1] === 'run' || a[1] === 'exec')) a = skipFlags(a.slice(2), false, head === 'conda' || head === 'mamba' || head === 'micromamba');
    else if (/^(python|pypy)[\d.]*$|^py$/.test(head) && a.indexOf('-m') > 0 && a.indexOf('-m') < 4) a = a.slice(a.indexOf('-m') + 1);
    else if (head === 'coverage' && a[1] === 'run' && a.includes('-m')) a = a.slice(a.indexOf('-m') + 1);
    else break;
  }
  if (!a.length) return [];
  a[0] = baseName(a[0]);
  const out = [a];
  if (depth < 3) {
    if (/^(ba|z|da)?sh$|^pwsh$|^powershell$/.test(a[0])) {
      const c = a.findIndex((w) => /^-\w*c$/.test(w) || w === '-Command');
      if (c > 0 && a[c + 1]) for (const inner of splitShell(a[c + 1])) out.push(...unwrap(inner.argv, depth + 1));
    }
    // docker compose run svc cmd, docker run image cmd, docker exec container cmd: what runs inside.
    const compose = a[0] === 'docker-compose' ? 1 : (a[0] === 'docker' || a[0] === 'podman') && (a[1] === 'compose' || a[1] === 'container') ? 2 : a[0] === 'docker' || a[0] === 'podman' ? 1 : -1;
    if (compose > 0 && (a[compose] === 'run' || a[compose] === 'exec')) {
      const rest = skipFlags(a.slice(compose + 1), false, true);
      if (rest.length > 1) out.push(...unwrap(rest.slice(1), depth + 1));
    }
  }
  return out;
}

/** `./node_modules/.bin/jest` → `jest`, `./gradlew` → `gradlew`, `C:\\tools\\x.exe` → `x.exe`. */
export function baseName(word: string): string {
  const i = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  return i >= 0 && i < word.length - 1 ? word.slice(i + 1) : word;
}

const VALUE_FLAGS = new Set(['-e', '--env', '-w', '--workdir', '-u', '--user', '-v', '--volume', '-p', '--publish', '--package', '-n', '--name', '--entrypoint', '-C', '--cwd', '--prefix', '--project', '--directory', '--env-file', '-f', '--file', '--with', '--network', '--net', '--mount', '--platform', '-l', '--label', '-m', '--memory', '--cpus', '--add-host', '-h', '--hostname']);

function skipFlags(a: string[], assignments = false, valueFlags = false): string[] {
  let i = 0;
  while (i < a.length) {
    if (a[i] === '--') return a.slice(i + 1);
    if (assignments && ASSIGNMENT.test(a[i])) i++;
    else if (a[i].startsWith('-')) i += valueFlags && VALUE_FLAGS.has(a[i]) ? 2 : 1;
    else break;
  }
  return a.slice(i);
}

/** `npx -y mina@1.2 check` → `mina check`; `npx -p pkg tool` → `tool`. */
function packageRunner(a: string[]): string[] {
  let i = 0;
  let explicitPackage = false;
  while (i < a.length && a[i].startsWith('-')) {
    if (a[i] === '--') {
      i++;
      break;
    }
    if (a[i] === '-p' || a[i] === '--package' || a[i] === '--from' || a[i] === '--with' || a[i] === '--spec') {
      explicitPackage = true;
      i += 2;
    } else {
      if (a[i].startsWith('--package=')) explicitPackage = true;
      i++;
    }
  }
  const rest = a.slice(i);
  if (!rest.length) return rest;
  if (!explicitPackage) rest[0] = rest[0].replace(/^(@[^/\s]+\/)?([^@\s]+)@[^\s]*$/, '$1$2');
  return rest;
}
