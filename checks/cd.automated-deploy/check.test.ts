import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

const wf = (name: string) => `.github/workflows/${name}`;

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'github-helm-atomic', name: 'push to main, environment production, helm upgrade --atomic' },
    { fixture: 'namespace-flag-first', name: 'kubectl -n/--context before the subcommand, in deploy and rollback' },
    { fixture: 'github-rollback-workflow', name: 'kubectl set image on push; a workflow_dispatch rollback workflow with rollout undo' },
    { fixture: 'gitlab-manual-prod', name: 'GitLab: staging automatic, production manual (approval) via extends, helm rollback job' },
    { fixture: 'azure-canary', name: 'Azure deployment job, canary strategy with on: failure reject' },
    { fixture: 'argo-rollouts', name: 'release-triggered deploy through Argo Rollouts; Rollout manifest in k8s/' },
    { fixture: 'gitops-argocd', name: 'no CI deploy: Argo CD Application with automated sync and a blue-green Rollout' },
    { fixture: 'circleci-approval', name: 'CircleCI approval job before an ECS deploy with circuit-breaker rollback' },
    { fixture: 'jenkins-input', name: 'Jenkins deploy stage with an input gate and helm --atomic' },
    { fixture: 'fly-bluegreen', name: 'flyctl deploy on push; fly.toml blue-green strategy' },
  ],
  invalid: [
    { fixture: 'dispatch-only', name: 'workflow_dispatch-only deploy fails even with environment and rollback', score: 0, findings: [{ id: 'manual-deploy-only', file: wf('deploy.yml'), line: 12 }] },
    {
      fixture: 'preview-only',
      name: 'pull-request previews are not delivery',
      score: 0,
      findings: [
        { id: 'manual-deploy-only', file: wf('preview.yml'), line: 6 },
        { id: 'no-environment', file: wf('preview.yml'), line: 3 },
        { id: 'no-rollback', file: wf('preview.yml'), line: 6 },
      ],
    },
    {
      fixture: 'gitlab-web-only',
      name: 'GitLab deploy stage only in web-started pipelines; helm runs inside docker exec … sh -c',
      score: 0,
      findings: [
        { id: 'manual-deploy-only', file: '.gitlab-ci.yml', line: 12 },
        { id: 'no-environment', file: '.gitlab-ci.yml', line: 8 },
        { id: 'no-rollback', file: '.gitlab-ci.yml', line: 12 },
      ],
    },
    { fixture: 'no-rollback', name: 'kubectl apply on push with an environment but no way back', score: 0.75, findings: [{ id: 'no-rollback', file: wf('deploy.yml'), line: 9 }] },
    { fixture: 'no-environment', name: 'tag deploy with helm --atomic but no environment', score: 0.75, findings: [{ id: 'no-environment', file: wf('deploy.yml'), line: 5, severity: 'low' }] },
    {
      fixture: 'deploy-script',
      name: 'a deploy script on push: automated, nothing else',
      score: 0.5,
      findings: [
        { id: 'no-environment', file: wf('deploy.yml'), line: 5 },
        { id: 'no-rollback', file: wf('deploy.yml'), line: 9 },
      ],
    },
    { fixture: 'no-deploy', name: 'a Dockerfile and CI, but nothing deploys', score: 0, findings: [{ id: 'no-deploy' }] },
  ],
  notApplicable: [{ fixture: 'library', name: 'an npm library: nothing to deploy' }],
});
