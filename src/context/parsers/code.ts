/**
 * Python, JavaScript, TypeScript and TSX syntax trees (tree-sitter grammars through ast-grep's napi
 * binding). One Parser per language so `repo.parse(path, pythonParser)` caches each tree once per
 * run, whoever asks. Tree-sitter recovers from syntax errors (the broken region becomes an ERROR
 * node), so a malformed file still yields a tree rather than a throw.
 */
import { kind, Lang, parse, registerDynamicLanguage, type NapiConfig, type SgNode } from '@ast-grep/napi';
import python from '@ast-grep/lang-python';
import { defineParser, type Parser } from './parser.js';

export type CodeLang = 'python' | 'javascript' | 'typescript' | 'tsx';

export interface CodeTree {
  lang: CodeLang;
  root: SgNode;
}

let pythonRegistered = false;

function napiLang(lang: CodeLang): string {
  switch (lang) {
    case 'python':
      // The Python grammar is a dynamic language: register it on first use, once per process.
      if (!pythonRegistered) {
        registerDynamicLanguage({ python });
        pythonRegistered = true;
      }
      return 'python';
    case 'javascript':
      return Lang.JavaScript;
    case 'typescript':
      return Lang.TypeScript;
    case 'tsx':
      return Lang.Tsx;
  }
}

function codeParser(lang: CodeLang): Parser<CodeTree> {
  return defineParser<CodeTree>(`code:${lang}`, (text) => ({ lang, root: parse(napiLang(lang), text).root() }));
}

export const pythonParser = codeParser('python');
export const javascriptParser = codeParser('javascript');
export const typescriptParser = codeParser('typescript');
export const tsxParser = codeParser('tsx');

const PARSERS: Record<CodeLang, Parser<CodeTree>> = {
  python: pythonParser,
  javascript: javascriptParser,
  typescript: typescriptParser,
  tsx: tsxParser,
};

/** The language of a source file by extension (`.jsx` parses with the JavaScript grammar, which has JSX). */
export function codeLangOf(path: string): CodeLang | null {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'py':
      return 'python';
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
      return 'javascript';
    case 'ts':
    case 'mts':
    case 'cts':
      return path.endsWith('.d.ts') ? null : 'typescript';
    case 'tsx':
      return 'tsx';
    default:
      return null;
  }
}

export function codeParserFor(lang: CodeLang): Parser<CodeTree> {
  return PARSERS[lang];
}

/** 1-based line of a node. */
export function lineOf(node: SgNode): number {
  return node.range().start.line + 1;
}

/** The node's grammar kind as a plain string (napi types it as a string-or-number union). */
export function kindOf(node: SgNode): string {
  return node.kind() as string;
}

const kindRules = new Map<string, { rule: { any: Array<{ kind: string }> } } | null>();

/**
 * Every node of any of `kinds` under `tree.root`, in document order. Kinds the language's grammar
 * does not have are ignored, so one list can name both Python's `call` and JS's `call_expression`.
 */
const found = new WeakMap<object, Map<string, SgNode[]>>();

export function findKinds(tree: { root: SgNode; lang: CodeLang }, kinds: readonly string[]): SgNode[] {
  const key = `${tree.lang}\0${kinds.join(',')}`;
  // Checks scan the same file for the same kinds many times; a file object keeps its answers.
  let perTree = found.get(tree);
  const hit = perTree?.get(key);
  if (hit) return hit;
  const nodes = searchKinds(tree, kinds, key);
  if (!perTree) found.set(tree, (perTree = new Map()));
  perTree.set(key, nodes);
  return nodes;
}

/**
 * Nodes matching an ast-grep `rule`, cached per tree under `key` (one key, one rule). A rule that
 * names the callee (`regex` on a field) keeps the thousands of calls no fact wants on the native
 * side instead of turning each into a JS object. The rule must use kinds the language has.
 */
export function findRule(tree: { root: SgNode; lang: CodeLang }, key: string, rule: NapiConfig): SgNode[] {
  const k = `rule\0${tree.lang}\0${key}`;
  let perTree = found.get(tree);
  const hit = perTree?.get(k);
  if (hit) return hit;
  const nodes = tree.root.findAll(rule);
  if (!perTree) found.set(tree, (perTree = new Map()));
  perTree.set(k, nodes);
  return nodes;
}

function searchKinds(tree: { root: SgNode; lang: CodeLang }, kinds: readonly string[], key: string): SgNode[] {
  let rule = kindRules.get(key);
  if (rule === undefined) {
    const lang = napiLang(tree.lang);
    const valid = kinds.filter((k) => kind(lang, k) !== 0);
    rule = valid.length ? { rule: { any: valid.map((k) => ({ kind: k })) } } : null;
    kindRules.set(key, rule);
  }
  return rule ? tree.root.findAll(rule) : [];
}

/**
 * The node's source text when it spans at most `max` characters, else null. Comparing a callee or
 * receiver against a short name should not copy a 300 kB chained expression on every call node.
 */
export function shortText(node: SgNode | null | undefined, max = 256): string | null {
  if (!node) return null;
  const r = node.range();
  return r.end.index - r.start.index <= max ? node.text() : null;
}
