/**
 * `add_header Access-Control-Allow-Origin …` in nginx: `*` allows every origin, `$http_origin`
 * echoes any origin unless an enclosing `if ($http_origin ~ …)` tests it first (or the value comes
 * from a `map $http_origin …` allow-list, which is another variable).
 */
import type { Finding } from '../../src/engine/check-api.js';
import { walkNginx } from '../../src/context/parsers/nginx.js';
import type { NginxFile } from '../../src/facts/nginx.js';
import { ACAO, originFinding } from './origins.js';

export function nginxCorsFindings(files: readonly NginxFile[]): Finding[] {
  const out: Finding[] = [];
  for (const file of files) {
    for (const { directive, ancestors } of walkNginx(file.directives)) {
      if (directive.name !== 'add_header' && directive.name !== 'more_set_headers') continue;
      const [name, value] = headerArgs(directive.name, directive.args);
      if (name?.toLowerCase() !== ACAO || value === undefined) continue;
      const v = value.trim();
      const tested = ancestors.some((a) => a.name === 'if' && a.args.join(' ').includes('$http_origin'));
      const verdict = v === '*' ? 'wildcard' : v === '$http_origin' && !tested ? 'reflect' : null;
      const f = verdict && originFinding(verdict, { file: file.path, line: directive.line }, 'nginx add_header Access-Control-Allow-Origin');
      if (f) out.push(f);
    }
  }
  return out;
}

/** `add_header Name value [always]`; headers-more's `more_set_headers 'Name: value'`. */
function headerArgs(directive: string, args: string[]): [string | undefined, string | undefined] {
  if (directive === 'add_header') return [args[0], args[1]];
  const spec = args.find((a) => !a.startsWith('-')) ?? '';
  const i = spec.indexOf(':');
  return i < 0 ? [undefined, undefined] : [spec.slice(0, i).trim(), spec.slice(i + 1).trim()];
}
