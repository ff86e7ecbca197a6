/**
 * The template renderer and its escaping, on their own: sections and lists, standalone tag lines,
 * GitHub's `${{ }}` left alone, typos failing loudly, and free text escaped per target format
 * while tokens are validated once and inserted raw.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderTemplate } from '../../src/init/template/render.js';
import { render, TEMPLATES_DIR, templateText } from '../../src/init/template/load.js';
import { dnsLabel, escapeText, Json, Token } from '../../src/init/template/values.js';
import { pinScope } from '../../src/init/action-pins.js';

describe('renderTemplate', () => {
  it('renders variables, sections, inverted sections and lists, dropping standalone tag lines', () => {
    const source = 'a: {{x}}\n{{#on}}\nb: yes\n{{/on}}\n{{^on}}\nb: no\n{{/on}}\nitems:\n{{#items}}\n  - {{v}}\n{{/items}}\n{{! a comment }}\nend\n';
    expect(renderTemplate(source, { x: 'hi', on: true, items: [{ v: 1 }, { v: 2 }] }, 'yaml')).toBe('a: "hi"\nb: yes\nitems:\n  - 1\n  - 2\nend\n');
    expect(renderTemplate(source, { x: 'hi', on: false, items: [] }, 'yaml')).toBe('a: "hi"\nb: no\nitems:\nend\n');
  });

  it('leaves GitHub expressions alone', () => {
    expect(renderTemplate('group: ci-${{ github.ref }} {{n}}\n', { n: Token.of('x') }, 'yaml')).toBe('group: ci-${{ github.ref }} x\n');
  });

  it('fails on a missing variable or an unbalanced section', () => {
    expect(() => renderTemplate('{{nope}}', {}, 'text', 't')).toThrow('t: no value for {{nope}}');
    expect(() => renderTemplate('{{#a}}x', { a: true }, 'text', 't')).toThrow('is never closed');
    expect(() => renderTemplate('{{#a}}x{{/b}}', { a: true }, 'text', 't')).toThrow('{{/b}} closes {{#a}}');
  });

  it('does not render values as templates', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}' }, 'text')).toBe('{{b}}');
  });
});

describe('escaping', () => {
  const nasty = 'x"\'\n#: ${{ a }} `b` <i> $(c) \\';
  it('keeps free text one quoted YAML scalar', () => {
    const docs = parseAllDocuments(`name: ${escapeText(nasty, 'yaml')}\n`);
    expect(docs).toHaveLength(1);
    expect((docs as unknown as Array<{ toJS(): unknown }>)[0].toJS()).toEqual({ name: 'x"\' #: ${{ a }} `b` <i> $(c) \\' });
  });
  it('quotes for Dockerfiles and shells so nothing expands', () => {
    expect(escapeText('a"$b`c\\', 'dockerfile')).toBe('"a\\"\\$b\\`c\\\\"');
    expect(escapeText("it's $(x)", 'shell')).toBe("'it'\\''s $(x)'");
  });
  it('escapes Markdown so no code span, HTML, link or heading starts', () => {
    expect(escapeText('`a` <b> [c](d) # e', 'markdown')).toBe('\\`a\\` \\<b\\> \\[c\\]\\(d\\) \\# e');
    expect(escapeText('- item', 'markdown')).toBe('\\- item');
    expect(escapeText('1. first', 'markdown')).toBe('1\\. first');
  });
  it('refuses tokens with characters any format treats specially', () => {
    expect(() => Token.of('a b')).toThrow();
    expect(() => Token.of('a"b')).toThrow();
    expect(() => Token.of('abc', /^x/)).toThrow();
    expect(Token.of('ghcr.io/acme/app:1.2').value).toBe('ghcr.io/acme/app:1.2');
    expect(new Json(['a', 'b"']).value).toEqual(['a', 'b"']);
  });
  it('derives DNS labels from any name', () => {
    expect(dnsLabel('@acme/Orders API!')).toBe('orders-api');
    expect(dnsLabel('  ')).toBe('app');
    expect(dnsLabel('x'.repeat(80))).toHaveLength(40);
  });
});

describe('templates/', () => {
  it('holds only .tmpl files, so mina never judges its own templates as Dockerfiles, manifests or runbooks', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else files.push(path.relative(TEMPLATES_DIR, path.join(dir, e.name)));
      }
    };
    walk(TEMPLATES_DIR);
    expect(files.filter((f) => !f.endsWith('.tmpl') && f !== 'README.md')).toEqual([]);
    // each opens with a comment saying what it is for
    for (const f of files.filter((x) => x.endsWith('.tmpl'))) expect(templateText(f.split(path.sep).join('/')), f).toMatch(/^(#!.*\n)?\{\{! /);
  });

  it.each([
    ['helm', /helm upgrade --install ledger chart --namespace ledger --atomic --timeout 5m/],
    ['kustomize', /kubectl apply -k deploy\/k8s\n\s+kubectl set image deployment\/ledger --namespace ledger "web=\$IMAGE:\$GITHUB_SHA"/],
  ])('renders the deploy workflow for a %s layout', (layout, expected) => {
    const scope = {
      ...pinScope(),
      branch: Token.of('main'), image: Token.of('ghcr.io/acme/ledger'), registry: Token.of('ghcr.io'), ghcr: true, namespace: true, ns: Token.of('ledger'),
      app: Token.of('ledger'), container: Token.of('web'), k8sDir: Token.of('deploy/k8s'), deploymentFile: Token.of('deploy/k8s/app.yaml'), chartDir: Token.of('chart'),
      plain: false, kustomize: layout === 'kustomize', helm: layout === 'helm',
    };
    const text = render('github/deploy.yml.tmpl', scope, 'yaml');
    expect(parseAllDocuments(text, { uniqueKeys: true }).map((d) => (d as unknown as { errors: unknown[] }).errors)).toEqual([[]]);
    expect(text).toMatch(expected);
  });
});
