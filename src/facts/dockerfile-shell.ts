/**
 * Splits the shell text of a Dockerfile `RUN` into simple commands (word lists), enough to tell
 * which program runs with which arguments: `apt-get install -y gcc && rm -rf /var/lib/apt/lists/*`
 * becomes two commands. Quotes and backslash escapes are honoured; redirections, subshells and
 * command substitution are flattened rather than interpreted. One linear pass, no regexes, so long
 * or hostile lines cost O(n).
 */

/** A simple command: its words with leading `VAR=value` assignments, `sudo` and `env` removed. */
export type ShellCommand = string[];

const SEPARATORS = new Set([';', '&', '|', '\n', '(', ')', '{', '}', '`']);
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'nice', 'nohup', 'command', 'then', 'do', 'else', 'if', 'while', '!']);

export function splitShell(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    const cmd = stripPrefixes(words);
    if (cmd.length) commands.push(cmd);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      const next = text[++i];
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
    } else if (c === '#' && !inWord) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '$' && text[i + 1] === '(') {
      endCommand();
      i++;
    } else if (SEPARATORS.has(c)) {
      endCommand();
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else if (c === '>' || c === '<') {
      // a redirection target is not an argument of the command
      endWord();
      while (i + 1 < text.length && (text[i + 1] === '>' || text[i + 1] === '&' || text[i + 1] === '<')) i++;
      while (i + 1 < text.length && (text[i + 1] === ' ' || text[i + 1] === '\t')) i++;
      while (i + 1 < text.length && !/[\s;&|]/.test(text[i + 1])) i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

function stripPrefixes(words: string[]): string[] {
  let i = 0;
  while (i < words.length && (WRAPPERS.has(words[i]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]))) i++;
  return words.slice(i);
}

/** The program of a command without its directory (`/usr/bin/pip3` → `pip3`). */
export function programOf(cmd: ShellCommand): string {
  const first = cmd[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/** True when `cmd` runs `program` with `sub` as its first non-option argument (`apt-get -y install`). */
export function hasSubcommand(cmd: ShellCommand, sub: string | readonly string[]): boolean {
  const subs = typeof sub === 'string' ? [sub] : sub;
  const first = cmd.slice(1).find((w) => !w.startsWith('-'));
  return first !== undefined && subs.includes(first);
}
