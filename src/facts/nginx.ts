/**
 * nginx configuration files of the repository, parsed. A file counts when its name or folder says
 * nginx (`nginx.conf`, `nginx/**`, `conf.d/*.conf`, `sites-enabled/*`, `*.nginx`) and it parses to
 * at least one directive nginx has (`server`, `http`, `location`, `add_header`…).
 */
import { defineFact } from '../context/repo-context.js';
import { nginxParser, walkNginx, type NginxDirective } from '../context/parsers/nginx.js';
import { isTestPath, isVendoredPath } from './code/sources.js';

export interface NginxFile {
  path: string;
  directives: NginxDirective[];
}

const PATTERNS = ['**/nginx*.conf', '**/nginx*.conf.template', '**/nginx/**/*.conf', '**/nginx/**/*.conf.template', '**/conf.d/*.conf', '**/sites-available/*', '**/sites-enabled/*', '**/*.nginx', '**/nginx/**/*.template'];
const NGINX_DIRECTIVES = new Set(['server', 'http', 'location', 'add_header', 'listen', 'server_name', 'proxy_pass', 'upstream', 'limit_req_zone', 'return', 'events']);

export const nginxFilesFact = defineFact<NginxFile[]>('nginx', async (repo) => {
  const out: NginxFile[] = [];
  for (const f of repo.glob(PATTERNS, { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path)) continue;
    const directives = await repo.parse(f.path, nginxParser);
    if (!directives) continue;
    let known = false;
    for (const { directive } of walkNginx(directives)) {
      if (NGINX_DIRECTIVES.has(directive.name)) {
        known = true;
        break;
      }
    }
    if (known) out.push({ path: f.path, directives });
  }
  return out;
});
