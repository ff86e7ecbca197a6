import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'go-distroless', name: 'multi-stage Go build into distroless:nonroot, digests, exec-form HEALTHCHECK' },
    { fixture: 'node-slim', name: 'deps stage + slim final stage, apt lists removed, USER node; secret-named ENV that hold no secret' },
    { fixture: 'python-arg-base', name: 'ARG-substituted base resolved from its default; USER from a global ARG; PIP_NO_CACHE_DIR' },
    { fixture: 'alpine-virtual-deps', name: 'compilers installed as a virtual package and deleted in the same RUN' },
    { fixture: 'arg-no-default', name: 'base image from a build arg without default is not judged' },
  ],
  invalid: [
    {
      fixture: 'python-naive',
      name: 'single-stage Flask image: untagged base, root, caches, compiler, secret, no .dockerignore',
      score: 1 / 8,
      findings: [
        { id: 'base-untagged', file: 'Dockerfile', line: 1 },
        { id: 'no-user', file: 'Dockerfile', line: 1 },
        { id: 'no-healthcheck', file: 'Dockerfile', line: 1 },
        { id: 'apt-cache', file: 'Dockerfile', line: 2 },
        { id: 'toolchain-in-final-image', file: 'Dockerfile', line: 2 },
        { id: 'no-dockerignore', file: 'Dockerfile', line: 4 },
        { id: 'pip-cache', file: 'Dockerfile', line: 5 },
        { id: 'secret-in-env', file: 'Dockerfile', line: 7, severity: 'critical' },
      ],
    },
    {
      fixture: 'node-latest-root',
      name: ':latest base, ADD of a URL, COPY .env, explicit USER root',
      score: 4 / 8,
      findings: [
        { id: 'base-latest', file: 'Dockerfile', line: 1 },
        { id: 'add-url', file: 'Dockerfile', line: 3 },
        { id: 'copies-env-file', file: 'Dockerfile', line: 7 },
        { id: 'root-user', file: 'Dockerfile', line: 8 },
      ],
    },
    {
      fixture: 'services-k8s-probes',
      name: 'Kubernetes probes stand in for HEALTHCHECK, matched by image name; the unprobed worker is not covered',
      score: 7.5 / 8,
      findings: [{ id: 'no-healthcheck', file: 'services/worker/Dockerfile', line: 1 }],
    },
    {
      fixture: 'python-uv',
      name: 'COPY --from an external :latest image; HEALTHCHECK NONE; credentials in a global ARG URL',
      score: 5 / 8,
      findings: [
        { id: 'secret-in-arg', file: 'Dockerfile', line: 1 },
        { id: 'base-latest', file: 'Dockerfile', line: 3 },
        { id: 'healthcheck-disabled', file: 'Dockerfile', line: 10 },
      ],
    },
    {
      fixture: 'named-variants',
      name: 'Dockerfile.prod and worker.Dockerfile are found; .devcontainer and docs are not judged; credit per Dockerfile',
      score: 6.5 / 8,
      findings: [
        { id: 'apt-cache', file: 'Dockerfile.prod', line: 2 },
        { id: 'secret-in-arg', file: 'worker.Dockerfile', line: 2 },
        { id: 'toolchain-in-final-image', file: 'worker.Dockerfile', line: 3 },
      ],
    },
    { fixture: 'empty-dockerignore', score: 7 / 8, findings: [{ id: 'empty-dockerignore', file: '.dockerignore', line: 1 }] },
    { fixture: 'no-dockerfile-k8s', name: 'a Node service deployed to Kubernetes without a Dockerfile', score: 0, findings: [{ id: 'no-dockerfile' }] },
    {
      fixture: 'malformed',
      name: 'garbage, a binary Dockerfile and one without FROM do not crash the check',
      score: 0,
      findings: [
        { id: 'no-from', file: 'Dockerfile', line: 1 },
        { id: 'no-from', file: 'Dockerfile.broken', line: 1 },
      ],
    },
  ],
  notApplicable: [
    { fixture: 'library-only', name: 'a Python library with no container story' },
    { fixture: 'gitops-config', name: 'manifests only: images are built elsewhere' },
    { fixture: 'jib-service', name: 'images built by Jib' },
  ],
});
