/**
 * pip requirements files, read the way pip reads them: backslash continuations are joined, `#`
 * comments (at line start or after whitespace) dropped, `-r`/`-c` includes recorded, per-line
 * options such as `--hash=` split off, and what remains parsed as a PEP 508 requirement.
 */
import { parseRequirement, type Requirement } from './pep508.js';

export type RequirementsEntry =
  | { kind: 'requirement'; line: number; req: Requirement; hashes: number }
  | { kind: 'include' | 'constraint'; line: number; target: string }
  | { kind: 'editable' | 'url'; line: number; name: string | null; text: string }
  | { kind: 'invalid'; line: number; text: string };

const INCLUDE_OPTIONS: Record<string, 'include' | 'constraint' | 'editable'> = {
  '-r': 'include',
  '--requirement': 'include',
  '-c': 'constraint',
  '--constraint': 'constraint',
  '-e': 'editable',
  '--editable': 'editable',
};

/** Logical lines with the 1-based number of the physical line each starts on. */
export function logicalLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const physical = text.split('\n');
  let buffer: string | null = null;
  let start = 0;
  for (let n = 0; n < physical.length; n++) {
    const raw = physical[n].replace(/\r$/, '');
    if (buffer === null) start = n + 1;
    const joined: string = (buffer ?? '') + raw;
    if (raw.endsWith('\\') && n < physical.length - 1) {
      buffer = joined.slice(0, -1);
      continue;
    }
    buffer = null;
    out.push({ line: start, text: stripComment(joined) });
  }
  return out;
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return line.slice(0, i).trim();
  }
  return line.trim();
}

export function parseRequirementsTxt(text: string): RequirementsEntry[] {
  const out: RequirementsEntry[] = [];
  for (const { line, text: content } of logicalLines(text)) {
    if (content === '') continue;
    const tokens = content.split(/[ \t]+/);
    if (tokens[0].startsWith('-')) {
      const option = optionOf(tokens);
      if (!option) continue;
      if (option.kind === 'editable') out.push({ kind: 'editable', line, name: eggName(option.value), text: option.value });
      else out.push({ kind: option.kind, line, target: option.value });
      continue;
    }
    // as pip does: the requirement ends at the first token that is an option (--hash=…)
    const firstOption = tokens.findIndex((t) => t.startsWith('-'));
    const reqText = (firstOption < 0 ? tokens : tokens.slice(0, firstOption)).join(' ');
    const hashes = firstOption < 0 ? 0 : tokens.slice(firstOption).filter((t) => t.startsWith('--hash')).length;
    if (isPathOrUrl(reqText)) {
      out.push({ kind: 'url', line, name: eggName(reqText), text: reqText });
      continue;
    }
    const req = parseRequirement(reqText);
    out.push(req ? { kind: 'requirement', line, req, hashes } : { kind: 'invalid', line, text: reqText });
  }
  return out;
}

function optionOf(tokens: string[]): { kind: 'include' | 'constraint' | 'editable'; value: string } | null {
  const first = tokens[0];
  const eq = first.indexOf('=');
  const name = eq >= 0 ? first.slice(0, eq) : first;
  let kind = INCLUDE_OPTIONS[name];
  let value = eq >= 0 ? first.slice(eq + 1) : tokens[1];
  // short options may be glued to their value: "-rbase.txt"
  if (!kind && /^-[rce]./.test(first)) {
    kind = INCLUDE_OPTIONS[first.slice(0, 2)];
    value = first.slice(2);
  }
  return kind && value ? { kind, value } : null;
}

function isPathOrUrl(text: string): boolean {
  const head = text.split(/[;\s]/)[0];
  return head.includes('://') || head.startsWith('.') || head.includes('/') || head.includes('\\') || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(head);
}

/** "git+https://…#egg=name" names its project in the fragment. */
function eggName(text: string): string | null {
  const hash = text.indexOf('#');
  if (hash < 0) return null;
  for (const part of text.slice(hash + 1).split('&')) if (part.startsWith('egg=')) return part.slice(4).split('[')[0] || null;
  return null;
}
