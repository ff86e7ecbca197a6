import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'trivy-action-image', name: 'docker build then aquasecurity/trivy-action on the image' },
    { fixture: 'grype-cli', name: 'GitLab scan stage runs grype on the pushed image' },
    { fixture: 'docker-scout', name: 'docker/scout-action cves after build-push-action' },
    { fixture: 'snyk-container', name: 'CircleCI run: snyk container test' },
    { fixture: 'gitlab-template', name: 'GitLab Jobs/Container-Scanning template include' },
    { fixture: 'azure-trivy', name: 'Azure Docker@2 build and trivy image in a bash step' },
    { fixture: 'jenkins-trivy', name: 'Jenkinsfile sh "trivy image …"' },
    { fixture: 'scheduled-scan', name: 'a nightly scheduled image scan is automatic' },
    { fixture: 'no-docker-osv', name: 'no images shipped: a remote OSV-Scanner reusable workflow scans the file system' },
    { fixture: 'no-docker-mina', name: 'no images shipped: mina check counts for dependencies' },
    { fixture: 'devcontainer-only', name: 'a dev-container Dockerfile ships nothing: pip-audit is enough' },
  ],
  invalid: [
    { fixture: 'deps-only-with-docker', name: 'npm audit only while a Dockerfile ships images', score: 0.75, findings: [{ id: 'image-not-scanned', file: '.github/workflows/ci.yml', line: 8, severity: 'low' }] },
    { fixture: 'manual-scan', name: 'workflow_dispatch-only scan', score: 0.5, findings: [{ id: 'scan-not-automatic', file: '.github/workflows/scan.yml', line: 7 }] },
    { fixture: 'trivy-config-only', name: 'trivy config finds misconfigurations, not vulnerabilities', score: 0, findings: [{ id: 'no-scanning' }] },
    { fixture: 'none', name: 'CI builds and tests an image but never scans it', score: 0, findings: [{ id: 'no-scanning' }] },
    { fixture: 'nothing', name: 'no CI at all', score: 0, findings: [{ id: 'no-scanning' }] },
  ],
});
