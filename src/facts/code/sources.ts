/**
 * The application's own source files: Python and JavaScript/TypeScript, without tests, vendored or
 * generated trees and minified bundles. Checks judge production code, so a `verify=False` in a test
 * or a wildcard in a bundled copy of a library is not the service's configuration.
 */
import { defineFact } from '../../context/repo-context.js';
import { codeLangOf, type CodeLang } from '../../context/parsers/code.js';

export interface SourceFile {
  path: string;
  lang: CodeLang;
}

const TEST_DIR = /^(tests?|__tests__|__mocks__|specs?|e2e|cypress|playwright|fixtures|testdata|test_data|testing)$/i;
const TEST_FILE = /(^test_.*\.py$|_tests?\.py$|^conftest\.py$|\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$)/i;
const VENDOR_DIR = /^(node_modules|vendor|vendored|third[-_]party|site-packages|dist-packages|\.venv|venv|env|virtualenv|bower_components|jspm_packages|dist|build|out|coverage|\.next|\.nuxt|\.output|\.tox|\.mypy_cache|__pycache__|static|public|assets)$/i;
const MINIFIED_NAME = /[.-]min\.[cm]?js$|\.bundle\.[cm]?js$|\.chunk\.[cm]?js$/i;

export function isTestPath(path: string): boolean {
  const parts = path.split('/');
  return TEST_FILE.test(parts[parts.length - 1]) || parts.slice(0, -1).some((p) => TEST_DIR.test(p));
}

/** Vendored, generated or served-as-asset trees (`static/`, `public/` hold browser code, not the server). */
export function isVendoredPath(path: string): boolean {
  return path.split('/').slice(0, -1).some((p) => VENDOR_DIR.test(p)) || MINIFIED_NAME.test(path);
}

/**
 * Minified or generated text: very long lines on average. Cheap and linear; no regex over the
 * whole text.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 300;
}

/** Source files by path order, tests and vendored trees excluded (minified files are dropped at load). */
export const sourceFilesFact = defineFact<SourceFile[]>('code:sources', (repo) => {
  const out: SourceFile[] = [];
  for (const f of repo.files) {
    const lang = codeLangOf(f.path);
    if (!lang || isTestPath(f.path) || isVendoredPath(f.path)) continue;
    out.push({ path: f.path, lang });
  }
  return out;
});
