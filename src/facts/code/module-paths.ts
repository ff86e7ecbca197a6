/**
 * Where a local import points: the repository paths an import in one file may name, nearest
 * first. `.ext` is relative to the file's package in Python; `./db` may be `./db.ts` in TypeScript.
 */

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** `.ext` relative to the file's package, `..ext` one up; absolute `pkg.mod` from any ancestor directory (src layouts). */
export function pythonCandidates(fromPath: string, module: string): string[] {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  const bases: string[] = [];
  if (dots > 0) {
    let dir = dirOf(fromPath);
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    bases.push(dir);
  } else {
    let dir = dirOf(fromPath);
    for (;;) {
      bases.push(dir);
      if (!dir) break;
      dir = dirOf(dir);
    }
  }
  return bases.flatMap((b) => {
    const p = join(b, rest);
    return rest ? [`${p}.py`, `${p}/__init__.py`] : [`${p ? p + '/' : ''}__init__.py`];
  });
}

const JS_EXTS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts'];

export function jsCandidates(fromPath: string, module: string): string[] {
  if (!module.startsWith('.')) return [];
  const base = join(dirOf(fromPath), module);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, ''); // TS sources import './db.js' for './db.ts'
  return [...JS_EXTS.map((e) => base + e), ...JS_EXTS.slice(1).map((e) => stem + e), ...JS_EXTS.slice(1).map((e) => `${base}/index${e}`)];
}
