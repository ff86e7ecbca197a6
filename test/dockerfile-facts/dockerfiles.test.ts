import { describe, expect, it } from 'vitest';
import { expandVariables, isDockerfilePath, parseDockerfile, parseImageRef } from '../../src/facts/dockerfiles.js';
import { splitShell } from '../../src/facts/dockerfile-shell.js';

describe('Dockerfile names', () => {
  it.each([
    ['Dockerfile', true],
    ['svc/Dockerfile.prod', true],
    ['api.Dockerfile', true],
    ['Containerfile', true],
    ['Dockerfile.go', true],
    ['docker/dockerfile', true],
    ['Dockerfile.dockerignore', false],
    ['docs/Dockerfile.md', false],
    ['Dockerfile.j2', false],
    ['src/facts/dockerfile.ts', false],
    ['dockerfiles.ts', false],
  ])('%s → %s', (p, expected) => expect(isDockerfilePath(p)).toBe(expected));
});

describe('image references', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImageRef('python:3.12-slim')).toMatchObject({ registry: null, repository: 'python', tag: '3.12-slim', digest: null });
    expect(parseImageRef('docker.io/library/nginx')).toMatchObject({ registry: 'docker.io', repository: 'nginx', tag: null });
    expect(parseImageRef('localhost:5000/team/app:1.0@sha256:abc')).toMatchObject({ registry: 'localhost:5000', repository: 'team/app', tag: '1.0', digest: 'sha256:abc' });
    expect(parseImageRef('gcr.io/distroless/static@sha256:def')).toMatchObject({ registry: 'gcr.io', repository: 'distroless/static', tag: null, digest: 'sha256:def' });
  });
});

describe('ARG substitution', () => {
  const vars = [
    { name: 'V', value: '3.12', line: 1 },
    { name: 'EMPTY', value: '', line: 2 },
    { name: 'NONE', value: null, line: 3 },
  ];
  it('resolves defaults and shell-style modifiers', () => {
    expect(expandVariables('python:${V}-slim', vars)).toEqual({ value: 'python:3.12-slim' });
    expect(expandVariables('node:$V', vars)).toEqual({ value: 'node:3.12' });
    expect(expandVariables('x:${EMPTY:-20}', vars)).toEqual({ value: 'x:20' });
    expect(expandVariables('x:${UNSET:-1}${V:+-alt}', vars)).toEqual({ value: 'x:1-alt' });
    expect(expandVariables('${NONE}', vars)).toEqual({ missing: 'NONE' });
  });
});

describe('stages', () => {
  it('resolves bases, stage references and the final chain', () => {
    const df = parseDockerfile(
      ['ARG BASE=alpine:3.19', 'FROM ${BASE} AS base', 'RUN apk add --no-cache curl', 'FROM golang:1.22 AS build', 'RUN go build ./...', 'FROM base', 'COPY --from=build /app /app', 'USER 1000'].join('\n'),
      'Dockerfile',
    );
    expect(df.stages.map((s) => s.base.kind)).toEqual(['image', 'image', 'stage']);
    expect(df.final?.line).toBe(6);
    expect(df.finalChain.map((s) => s.index)).toEqual([2, 0]);
    expect(df.final?.instructions.map((i) => [i.keyword, i.line])).toEqual([['COPY', 7], ['USER', 8]]);
  });

  it('keeps 1-based lines across continuations and heredocs', () => {
    const df = parseDockerfile('FROM a:1\nRUN <<EOT\necho hi\nEOT\nENV A=1 \\\n    B=2\n', 'Dockerfile');
    const [run, env] = df.final!.instructions;
    expect([run.line, run.endLine]).toEqual([2, 4]);
    expect(env.properties.map((p) => [p.name, p.value, p.line])).toEqual([['A', '1', 5], ['B', '2', 6]]);
  });
});

describe('shell splitting', () => {
  it('splits on operators, honours quotes and strips env prefixes', () => {
    expect(splitShell('DEBIAN_FRONTEND=noninteractive apt-get install -y "a b" && rm -rf /var/lib/apt/lists/* ; echo x | tee y > /dev/null')).toEqual([
      ['apt-get', 'install', '-y', 'a b'],
      ['rm', '-rf', '/var/lib/apt/lists/*'],
      ['echo', 'x'],
      ['tee', 'y'],
    ]);
    expect(splitShell("sudo pip install --no-cache-dir 'x==1' # comment && ignored")).toEqual([['pip', 'install', '--no-cache-dir', 'x==1']]);
  });
});
