/**
 * A small Mustache-like renderer for the files in `templates/`:
 *
 * - `{{name}}` inserts a variable, escaped for the target format (see values.ts);
 * - `{{#name}}…{{/name}}` renders its body when `name` is true, or once per item of a list (the
 *   item's fields join the scope); `{{^name}}…{{/name}}` renders when it is false, absent or empty;
 * - `{{! comment }}` is dropped; a line holding only a section or comment tag disappears whole.
 *
 * A missing variable or an unclosed section is an error, so a template typo fails the tests instead
 * of writing `{{name}}` into someone's repository.
 */
import { formatValue, type TargetFormat, type TemplateScope, type TemplateValue } from './values.js';

type Node = { kind: 'text'; text: string } | { kind: 'var'; name: string } | { kind: 'section'; name: string; inverted: boolean; body: Node[] };

/** GitHub's own `${{ … }}` expressions are left alone. */
const TAG = /(?<!\$)\{\{\s*([#^/!]?)\s*([A-Za-z0-9_.]*)[^}]*\}\}/g;

export function renderTemplate(source: string, scope: TemplateScope, format: TargetFormat, file = 'template'): string {
  return renderNodes(parse(standalone(source), file), [scope], format, file);
}

/** Section and comment tags alone on their line take the line with them. */
function standalone(source: string): string {
  return source.replace(/^[ \t]*\{\{\s*[#^/!][^}\n]*\}\}[ \t]*\r?\n/gm, (line) => line.replace(/\r?\n$/, '').trim() + '\u0000');
}

function parse(source: string, file: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; nodes: Node[] }> = [{ name: '', nodes: root }];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const top = stack[stack.length - 1];
    pushText(top.nodes, source.slice(last, m.index));
    last = m.index + m[0].length;
    if (source[last] === '\u0000') last++;
    const [, sigil, name] = m;
    if (sigil === '!') continue;
    if (!name) throw new Error(`${file}: empty tag ${m[0]}`);
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', body: [] };
      top.nodes.push(section);
      stack.push({ name, nodes: section.body });
    } else if (sigil === '/') {
      if (top.name !== name) throw new Error(`${file}: {{/${name}}} closes ${top.name ? `{{#${top.name}}}` : 'nothing'}`);
      stack.pop();
    } else top.nodes.push({ kind: 'var', name });
  }
  if (stack.length > 1) throw new Error(`${file}: {{#${stack[stack.length - 1].name}}} is never closed`);
  pushText(root, source.slice(last));
  return root;
}

function pushText(nodes: Node[], text: string) {
  const clean = text.replace(/\u0000/g, '');
  if (clean) nodes.push({ kind: 'text', text: clean });
}

function lookup(scopes: TemplateScope[], name: string, file: string): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i--) if (Object.hasOwn(scopes[i], name)) return scopes[i][name];
  throw new Error(`${file}: no value for {{${name}}}`);
}

function renderNodes(nodes: Node[], scopes: TemplateScope[], format: TargetFormat, file: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'var') out += formatValue(lookup(scopes, node.name, file), format, node.name);
    else {
      const value = lookup(scopes, node.name, file);
      const items = Array.isArray(value) ? value : value ? [{}] : [];
      if (node.inverted) {
        if (items.length === 0) out += renderNodes(node.body, scopes, format, file);
      } else for (const item of items) out += renderNodes(node.body, [...scopes, item], format, file);
    }
  }
  return out;
}
