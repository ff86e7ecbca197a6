/**
 * SQLAlchemy sessions in Python services. A `Session` is not thread- (or greenlet-) safe: one
 * created at import time and used by handlers is shared by every concurrent request. Scoped
 * sessions (`scoped_session`, Flask-SQLAlchemy's `db.session`) and a session per request are safe;
 * an engine (a connection pool) built per request defeats pooling and leaks connections.
 */
import type { SgNode } from '@ast-grep/napi';
import type { Finding } from '../../src/engine/check-api.js';
import { enclosingClass, enclosingFunction, findKinds, inRequestHandler, isModuleLevel, kindOf, lineOf, shortText, originOf, type CodeFile, type CodeIndex, type Origin } from '../../src/facts/code/index.js';

/** A call that yields a Session object: `sessionmaker(...)()`, `Session(engine)`, their async twins. */
export function isSessionOrigin(o: Origin | null): boolean {
  if (!o?.python) return false;
  const chain = [...o.module.split('.'), ...o.path].join('.');
  return /^sqlalchemy\.(orm|ext\.asyncio)\.(sessionmaker|async_sessionmaker)\.\(\)\.\(\)$/.test(chain) || /^sqlalchemy\.(orm|ext\.asyncio)\.(Session|AsyncSession)\.\(\)$/.test(chain) || /^sqlalchemy\.orm\.session\.Session\.\(\)$/.test(chain);
}

const ENGINE = /^sqlalchemy(\.ext\.asyncio)?\.(create_engine|create_async_engine)\.\(\)$/;

export function pythonSessionFindings(index: CodeIndex, greenlets: boolean): Finding[] {
  const out: Finding[] = [];
  for (const file of index.files) {
    // sessions come from SQLAlchemy directly or through a local module (`from db import SessionLocal`)
    if (file.lang !== 'python' || !file.imports.some((b) => b.module.startsWith('sqlalchemy') || index.resolveModule(file, b.module))) continue;
    for (const call of findKinds(file, ['call'])) {
      const o = originOf(index, file, call);
      if (!o) continue;
      const chain = [...o.module.split('.'), ...o.path].join('.');
      if (ENGINE.test(chain) && inRequestHandler(file, call)) {
        out.push({ id: 'engine-per-request', file: file.path, line: lineOf(call), message: 'create_engine() runs inside a request handler: a new connection pool per request', hint: 'create the engine once at import time (module level) and reuse it' });
        continue;
      }
      if (!isSessionOrigin(o)) continue;
      if (isModuleLevel(call)) {
        const name = assignedName(call);
        if (name && usedByFunctions(index, file, name)) {
          const who = greenlets ? 'every request and eventlet/gevent greenlet' : 'every request handler';
          out.push({ id: 'module-level-session', file: file.path, line: lineOf(call), message: `${name} is one Session created at import time and shared by ${who}; Sessions are not thread-safe`, hint: 'use scoped_session(sessionmaker(...)) (or Flask-SQLAlchemy\'s db.session), or open a session per request' });
        }
        continue;
      }
      const holder = sharedThroughInstance(index, file, call);
      if (holder) {
        out.push({ id: 'module-level-session', file: file.path, line: lineOf(call), message: `a Session created in ${holder.cls}.__init__ lives as long as the module-level ${holder.instance}, which request handlers share; Sessions are not thread-safe`, hint: 'create the session per request (or use scoped_session) instead of holding one in a long-lived object' });
      } else if (!isClosed(file, call)) {
        out.push({ id: 'session-not-closed', file: file.path, line: lineOf(call), message: 'a Session is opened here and never closed: its connection stays checked out of the pool', hint: 'use "with Session() as session:", or close it in a finally block (yield it from a dependency with try/finally)' });
      }
    }
  }
  return out;
}

/**
 * `self.session = Session()` in `__init__` of a class instantiated once at module level
 * (`users = UserRepository()`) whose instance functions use: the session is shared all the same.
 */
function sharedThroughInstance(index: CodeIndex, file: CodeFile, call: SgNode): { cls: string; instance: string } | null {
  const parent = call.parent();
  if (parent?.kind() !== 'assignment' || parent.field('left')?.kind() !== 'attribute' || shortText(parent.field('left')?.field('object')) !== 'self') return null;
  const fn = enclosingFunction(call);
  if (fn?.field('name')?.text() !== '__init__') return null;
  const cls = enclosingClass(fn)?.field('name')?.text();
  if (!cls) return null;
  for (const a of findKinds(file, ['assignment'])) {
    const right = a.field('right');
    const name = a.field('left')?.kind() === 'identifier' ? a.field('left')!.text() : null;
    if (name && right?.kind() === 'call' && shortText(right.field('function')) === cls && isModuleLevel(a) && usedByFunctions(index, file, name)) return { cls, instance: name };
  }
  return null;
}

function assignedName(call: SgNode): string | null {
  const parent = call.parent();
  return parent?.kind() === 'assignment' && parent.field('left')?.kind() === 'identifier' ? parent.field('left')!.text() : null;
}

/** The name is read inside a function of this file, or imported by another file. */
function usedByFunctions(index: CodeIndex, file: CodeFile, name: string): boolean {
  const inFunctions = findKinds(file, ['identifier']).some((id) => id.text() === name && enclosingFunction(id) !== null);
  if (inFunctions) return true;
  // importing `name` spells it: other files are not parsed
  return index.files.some((f) => f !== file && f.text.includes(name) && f.imports.some((b) => b.name === name && index.resolveModule(f, b.module) === file));
}

/**
 * Closed when used as a context manager, or when the variable it is bound to is closed in the same
 * function (`s.close()`), yielded (a dependency that closes in `finally`), returned or handed on.
 */
function isClosed(file: CodeFile, call: SgNode): boolean {
  for (let p = call.parent(); p && !['function_definition', 'module'].includes(kindOf(p)); p = p.parent()) {
    if (['with_item', 'with_clause', 'return_statement', 'yield', 'argument_list'].includes(kindOf(p))) return true;
  }
  const name = assignedName(call);
  const fn = enclosingFunction(call);
  if (!name || !fn) return true;
  const body = fn.field('body');
  if (!body) return true;
  for (const c of findKinds({ root: body, lang: file.lang }, ['call', 'return_statement', 'yield'])) {
    if (kindOf(c) === 'call') {
      const f = c.field('function');
      if (f?.kind() === 'attribute' && shortText(f.field('object')) === name && ['close', '__exit__'].includes(f.field('attribute')?.text() ?? '')) return true;
      if (c.field('arguments')?.namedChildren().some((a) => shortText(a) === name)) return true;
    } else if (c.namedChildren().some((x) => shortText(x) === name)) return true;
  }
  return false;
}
