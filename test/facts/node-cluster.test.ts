import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { servingFact } from '../../src/facts/serving.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function repoOf(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-cluster-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 1024 * 1024 });
}

describe('Node workers forked by the service itself', () => {
  it('cluster.fork() in a loop over the CPUs is one worker per CPU, and makes the service multi-process', async () => {
    const repo = await repoOf({
      'server.js': "const cluster = require('node:cluster');\nconst os = require('os');\nif (cluster.isPrimary) {\n  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();\n} else {\n  require('./app');\n}\n",
    });
    const s = await repo.fact(servingFact);
    expect(s.cluster).toMatchObject({ file: 'server.js', line: 4, workers: 'auto', via: 'cluster', sticky: false });
    expect(s.multiProcess).toMatchObject({ file: 'server.js', line: 4 });
  });

  it('reads counted loops, throng options and @socket.io/sticky', async () => {
    const counted = await repoOf({ 'a.mjs': "import cluster from 'cluster';\nimport { setupMaster } from '@socket.io/sticky';\nsetupMaster(server, { loadBalancingMethod: 'least-connection' });\nfor (let i = 0; i <= 2; i++) cluster.fork();\n" });
    expect((await counted.fact(servingFact)).cluster).toMatchObject({ workers: 3, sticky: true });
    const throng = await repoOf({ 'w.js': "const throng = require('throng');\nthrong({ workers: 4, start });\n" });
    expect((await throng.fact(servingFact)).cluster).toMatchObject({ workers: 4, via: 'throng' });
    const one = await repoOf({ 'w.js': "const cluster = require('cluster');\nif (cluster.isMaster) cluster.fork();\n" });
    const s = await one.fact(servingFact);
    expect(s.cluster?.workers).toBe(1);
    expect(s.multiProcess).toBeNull();
  });
});
