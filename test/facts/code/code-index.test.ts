import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RepoContext } from '../../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../../src/context/walk.js';
import { codeIndexFact, pythonParser, sourceFilesFact } from '../../../src/facts/code/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string | Buffer) {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

write('app/main.py', 'from flask import Flask\napp = Flask(__name__)\n');
write('app/server.ts', "import express from 'express';\n");
write('tests/test_main.py', 'import app\n');
write('node_modules/x/index.js', 'module.exports = 1\n');
write('static/vendor.min.js', 'var a=1;');
write('dist/bundle.js', `var a=${'1+'.repeat(5000)}1;`);
write('src/generated.js', `var a=[${'1,'.repeat(5000)}1];`);
write('app/binary.py', Buffer.from([0, 1, 2, 0, 255, 0]));

describe('code index over a repository', () => {
  it('indexes production sources only and parses each file once, when first asked', async () => {
    const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 1024 * 1024 });
    const parses = vi.spyOn(pythonParser, 'parse');
    expect((await repo.fact(sourceFilesFact)).map((f) => f.path)).toEqual(['app/binary.py', 'app/main.py', 'app/server.ts', 'src/generated.js']);
    const index = await repo.fact(codeIndexFact);
    // binary text is skipped by the context, the one-line generated file as minified
    expect(index.files.map((f) => f.path)).toEqual(['app/main.py', 'app/server.ts']);
    expect(parses).not.toHaveBeenCalled();
    // no Python file names express: the text test spares parsing it
    expect(index.importing('express').map((f) => f.path)).toEqual(['app/server.ts']);
    expect(parses).not.toHaveBeenCalled();
    expect(index.mentioning('Flask').map((f) => f.path)).toEqual(['app/main.py']);
    const main = index.get('app/main.py')!;
    expect(main.root).toBe(main.root);
    expect(main.imports.map((b) => b.name)).toEqual(['Flask']);
    expect(parses).toHaveBeenCalledTimes(1);
    parses.mockRestore();
  });
});
