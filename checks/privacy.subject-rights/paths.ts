/**
 * Which routes, commands and tasks serve a data subject's rights. Export: a route, command or task
 * whose path or name pairs an export word (export, download, portability, takeout) with the subject
 * (user, me, account, profile, personal data, GDPR). Delete: `DELETE` on the subject itself
 * (`/users/:id`, `/me`, `/account`), or a delete/erase/forget/anonymise word with the subject.
 */
import type { SgNode } from '@ast-grep/napi';
import { decoratorsOf, findKinds, lineOf, shortText, type CodeIndex } from '../../src/facts/code/index.js';
import { wordsOf, type HttpRoute } from '../../src/facts/http-routes/index.js';

export type Right = 'export' | 'delete';

export interface RightPath {
  right: Right;
  what: string;
  file: string;
  line: number;
}

const SUBJECT = new Set(['user', 'users', 'me', 'my', 'mine', 'account', 'accounts', 'profile', 'personal', 'gdpr', 'dsar', 'subject', 'customer', 'customers', 'member', 'members', 'self', 'privacy']);
const EXPORT = new Set(['export', 'exports', 'download', 'portability', 'takeout', 'dsar', 'sar']);
const DELETE = new Set(['delete', 'deletion', 'erase', 'erasure', 'forget', 'forgotten', 'anonymize', 'anonymise', 'anonymization', 'anonymisation', 'deactivate', 'close', 'purge', 'remove', 'destroy', 'wipe']);
const SELF = /^(users?|me|accounts?|profiles?|customers?|members?|self)$/;

export function rightsOf(words: string[]): Right[] {
  const subject = words.some((w) => SUBJECT.has(w)) || (words.includes('data') && words.includes('personal'));
  const out: Right[] = [];
  if (subject && words.some((w) => EXPORT.has(w))) out.push('export');
  if (subject && words.some((w) => DELETE.has(w))) out.push('delete');
  return out;
}

export function routeRights(r: HttpRoute): Right[] {
  const words = [...wordsOf(r.path), ...wordsOf(r.handlerName ?? '')];
  const out = new Set(rightsOf(words).filter((x) => x === 'export' || !r.methods.every((m) => m === 'GET' || m === 'HEAD')));
  if (r.methods.some((m) => m === 'DELETE')) {
    const segments = r.path.split('/').filter((s) => s && !/^[:{<[]|^\*|^\$/.test(s) && !/^v\d+$/.test(s) && !/^api$/.test(s));
    const last = segments[segments.length - 1] ?? '';
    if (SELF.test(last.toLowerCase())) out.add('delete');
  }
  return [...out];
}

/** Commands and tasks: Django management commands, Click/Typer commands, Celery tasks, commander/yargs commands, argparse sub-commands. */
export function commandRights(index: CodeIndex): RightPath[] {
  const out: RightPath[] = [];
  for (const f of index.files) {
    const mgmt = /(^|\/)management\/commands\/([a-z_][a-z0-9_]*)\.py$/i.exec(f.path);
    if (mgmt) for (const right of rightsOf(wordsOf(mgmt[2]))) out.push({ right, what: `management command ${mgmt[2]}`, file: f.path, line: 1 });
    if (f.lang === 'python') {
      for (const def of findKinds(f, ['function_definition'])) {
        const dec = decoratorsOf(def).find((d) => /\.(command|task)\b|^@(shared_task|task|actor)\b|\bcommand\(/.test(shortText(d, 500) ?? ''));
        if (!dec) continue;
        const named = /name\s*=\s*['"]([^'"]{1,80})['"]|\(\s*['"]([^'"]{1,80})['"]/.exec(shortText(dec, 500) ?? '');
        const name = named?.[1] ?? named?.[2] ?? def.field('name')?.text() ?? '';
        for (const right of rightsOf(wordsOf(name))) out.push({ right, what: `${/task|actor/.test(shortText(dec, 500) ?? '') ? 'task' : 'command'} ${name}`, file: f.path, line: lineOf(dec) });
      }
      for (const call of findKinds(f, ['call'])) pushNamedCall(call, 'add_parser', f.path, out);
    } else {
      for (const call of findKinds(f, ['call_expression'])) pushNamedCall(call, 'command', f.path, out);
    }
  }
  return out;
}

function pushNamedCall(call: SgNode, method: string, file: string, out: RightPath[]): void {
  const fn = call.field('function');
  const prop = fn?.field('attribute') ?? fn?.field('property');
  if (prop?.text() !== method) return;
  const arg = call.field('arguments')?.namedChildren()[0];
  if (arg?.kind() !== 'string') return;
  const name = (shortText(arg, 200) ?? '').slice(1, -1).split(/\s/)[0];
  for (const right of rightsOf(wordsOf(name))) out.push({ right, what: `command ${name}`, file, line: lineOf(call) });
}
