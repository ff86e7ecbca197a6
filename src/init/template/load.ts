/**
 * Templates ship in the package's `templates/` folder (listed in package.json `files`), read once
 * per process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';
import { renderTemplate } from './render.js';
import type { TargetFormat, TemplateScope } from './values.js';

export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

const cache = new Map<string, string>();

export function templateText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(TEMPLATES_DIR, ...name.split('/')), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Renders `templates/<name>` for a file of `format`. */
export function render(name: string, scope: TemplateScope, format: TargetFormat): string {
  return renderTemplate(templateText(name), scope, format, `templates/${name}`);
}
