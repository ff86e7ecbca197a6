import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'k8s-cronjob', name: 'CronJob running pg_dump and pruning old dumps' },
    { fixture: 'configmap-script', name: 'CronJob running a ConfigMap script with pgBackRest, retention from env' },
    { fixture: 'crontab-script', name: 'crontab line running a repository script that dumps and prunes' },
    { fixture: 'velero', name: 'Velero Schedule with a TTL' },
    { fixture: 'terraform-rds', name: 'RDS backup_retention_period' },
  ],
  invalid: [
    { fixture: 'celery-no-retention', name: 'Celery beat task running pg_dump, nothing expires backups', score: 0.6, findings: [{ id: 'no-retention', file: 'app/celery.py', line: 6 }] },
    { fixture: 'scheduled-ci', name: 'scheduled workflow without retention', score: 0.6, findings: [{ id: 'no-retention', file: '.github/workflows/backup.yml', line: 6 }] },
    { fixture: 'script-not-scheduled', name: 'decoy: a backup script that only a comment and a README schedule', score: 0.3, findings: [{ id: 'backup-not-scheduled', file: 'scripts/backup.sh', line: 3 }] },
    { fixture: 'suspended', name: 'a suspended CronJob backs nothing up', score: 0, findings: [{ id: 'no-backup' }] },
    { fixture: 'terraform-disabled', score: 0, findings: [{ id: 'backups-disabled', file: 'main.tf', line: 3 }, { id: 'no-backup' }] },
    { fixture: 'none', score: 0, findings: [{ id: 'no-backup' }] },
  ],
  notApplicable: [{ fixture: 'no-database' }],
});
