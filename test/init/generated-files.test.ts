/**
 * What init writes is read back with the parsers the checks use: every YAML file parses (strictly,
 * no duplicate keys), every Dockerfile parses into stages, the workflows pass ci.hardening with no
 * finding at all. And a hostile project name — quotes, `#`, a colon, a newline followed by a YAML
 * document marker, a GitHub expression — cannot break any generated file or reach a script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { yamlParser, yamlValues } from '../../src/context/parsers/yaml.js';
import { dockerfilesFact } from '../../src/facts/dockerfiles.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { markdownParser } from '../../src/context/parsers/markdown.js';
import { copyFixture, evaluate, init } from './helpers.js';

const HOSTILE = 'We\'re "the" #1 app: ${{ github.event.issue.title }}\n---\nkind: Secret `rm -rf /` <b>x</b> $(id) \\';

async function written(dir: string, paths: string[]) {
  const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  return { repo, paths };
}

describe.each([
  ['flask-socketio', undefined],
  ['nest', undefined],
  ['fastapi', HOSTILE],
])('files written for %s (name %j)', (stack, name) => {
  it('parse with the checks\' parsers and pass ci.hardening', async () => {
    const dir = copyFixture(stack);
    const outcome = await init(dir, name ? { name } : {});
    const paths = outcome.results.map((r) => r.path);
    const { repo } = await written(dir, paths);
    const yamlFiles = paths.filter((p) => /\.ya?ml$/.test(p));
    expect(yamlFiles.length).toBeGreaterThanOrEqual(6);
    for (const p of yamlFiles) {
      const parsed = await repo.parse(p, yamlParser);
      expect(parsed.error, p).toBeNull();
      for (const doc of parseAllDocuments(readFileSync(path.join(dir, p), 'utf8'), { uniqueKeys: true }) as unknown as Array<{ errors: unknown[] }>) expect(doc.errors, p).toEqual([]);
    }
    const dockerfile = (await repo.fact(dockerfilesFact)).find((d) => d.path === 'Dockerfile')!;
    expect(dockerfile.stages.map((s) => s.base.kind)).toEqual(['image', 'image']);
    expect(dockerfile.final!.instructions.map((i) => i.keyword)).toEqual(expect.arrayContaining(['USER', 'HEALTHCHECK', 'CMD']));

    // the name never adds an object: one Deployment, one Service, one PDB, no Secret
    const k8s = await repo.fact(k8sFact);
    expect(k8s.objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(k8s.objects.filter((o) => o.kind === 'Deployment')).toHaveLength(1);
    expect(k8s.objects.filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(1);

    const after = await evaluate(dir);
    expect(after.results.get('ci.hardening')?.status).toBe('pass');
    expect(after.results.get('ci.hardening')?.findings).toEqual([]);
    if (!name) return;
    // free text lands escaped: the YAML comment and the Markdown heading hold it on one line
    const deployment = yamlValues((await repo.parse('k8s/deployment.yaml', yamlParser))!);
    expect(deployment).toHaveLength(2);
    const security = readFileSync(path.join(dir, 'SECURITY.md'), 'utf8');
    expect(security).not.toContain('<b>');
    // backquotes arrive escaped: no code span opens
    expect(security).toContain('\\`rm -rf /\\`');
    const doc = await repo.parse('docs/runbooks/deploy.md', markdownParser);
    expect(doc).toBeTruthy();
    for (const p of paths.filter((x) => x.startsWith('.github/workflows/'))) expect(readFileSync(path.join(dir, p), 'utf8')).not.toContain('github.event');
    const dockerText = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerText.split('\n').filter((l) => l.startsWith('kind:'))).toEqual([]);
  });
});

describe('answers reach every file', () => {
  it('puts a chosen port into the serve command, the image and the manifests', async () => {
    const dir = copyFixture('flask-socketio');
    await init(dir, { port: 9000, namespace: 'chat', image: 'registry.acme.test/chat/api', only: ['k8s.workload-hardening'] });
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('"--bind","0.0.0.0:9000"');
    expect(dockerfile).toContain('EXPOSE 9000');
    expect(dockerfile).toContain("urlopen('http://127.0.0.1:9000/healthz'");
    const deployment = readFileSync(path.join(dir, 'k8s', 'deployment.yaml'), 'utf8');
    expect(deployment).toContain('containerPort: 9000');
    expect(deployment).toContain('namespace: chat');
    expect(deployment).toContain('image: registry.acme.test/chat/api:initial');
    expect(readFileSync(path.join(dir, 'k8s', 'networkpolicy.yaml'), 'utf8')).toContain('port: 9000');
  });
});

describe('base image digests', () => {
  it('pins the digest only when the repository already pins that image and tag with one', async () => {
    const dir = copyFixture('nest');
    const digest = `sha256:${'ab12'.repeat(16)}`;
    writeFileSync(path.join(dir, 'Dockerfile.worker'), `FROM node:22-slim@${digest}\nUSER 1000\nCMD ["node", "worker.js"]\n`);
    await init(dir, { only: ['container.dockerfile'] });
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`FROM node:22-slim@${digest} AS build`);
    expect(dockerfile).toContain('pinned by tag and digest');

    const plain = copyFixture('nest');
    await init(plain, { only: ['container.dockerfile'] });
    const tagOnly = readFileSync(path.join(plain, 'Dockerfile'), 'utf8');
    expect(tagOnly).toMatch(/^FROM node:22-slim AS build$/m);
    expect(tagOnly).not.toContain('sha256:');
    expect(tagOnly).toContain('docker buildx imagetools inspect node:22-slim');
  });
});
