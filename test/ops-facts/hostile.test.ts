import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../src/testing/check-tester.js';
import type { Check } from '../../src/engine/check-api.js';
import c0 from '../../checks/privacy.policy/index.js';
import c1 from '../../checks/privacy.retention/index.js';
import c2 from '../../checks/privacy.subject-rights/index.js';
import c3 from '../../checks/audit.logging/index.js';
import c4 from '../../checks/monitoring.error-tracking/index.js';
import c5 from '../../checks/monitoring.health-endpoints/index.js';
import c6 from '../../checks/monitoring.metrics/index.js';
import c7 from '../../checks/monitoring.alerting/index.js';
import c8 from '../../checks/backups.scheduled/index.js';
import c9 from '../../checks/backups.restore-tested/index.js';
import c10 from '../../checks/incident.response/index.js';
import c11 from '../../checks/tests.present/index.js';
import c12 from '../../checks/tests.coverage/index.js';
import c13 from '../../checks/tests.load/index.js';

const CHECKS = [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13] as Check[];

/** A repository of hostile files: binary reports, huge lines, invalid UTF-8, alias bombs, unbalanced HCL. */
function hostileRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-ops-hostile-'));
  const put = (rel: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  };
  put('requirements.txt', 'flask==3.0.3\npsycopg2==2.9.9\n');
  put('app.py', 'from flask import Flask\napp = Flask(__name__)\n' + '@app.get("/' + 'a'.repeat(5000) + '")\ndef x():\n    pass\n');
  put('coverage.xml', Buffer.from([0x3c, 0x63, 0x6f, 0x76, 0x00, 0xff, 0xfe, 0x00, 0x01]));
  put('coverage/lcov.info', 'SF:x\n' + 'DA:1,1\n'.repeat(100_000) + 'end_of_record\n');
  put('coverage-bomb/coverage.xml', '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><coverage lines-valid="10" lines-covered="&c;"><packages/></coverage>');
  put('deploy/crontab', '0 3 * * * ' + 'x'.repeat(200_000) + '\n* * * * * ' + '"'.repeat(10_000) + '\n');
  put('infra/main.tf', 'resource "aws_db_instance" "x" {\n' + '  tags = {\n'.repeat(5000) + 'backup_retention_period = 7\n' + ' '.repeat(3000) + 'resource "a" ,\n');
  put('monitoring/alerts.yaml', 'a: &a ["alert","alert","alert","alert"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\ngroups: *c\n');
  put('PRIVACY.md', Buffer.concat([Buffer.from('# Privacy\n\n## Retention\nKept 30 days '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\n')]));
  put('docs/restore.md', '# Restore\n\n' + 'psql <'.repeat(50_000) + '\n');
  put('templates/base.html', '<script'.repeat(100_000));
  put('scripts/backup.sh', 'pg_dump "' + '$('.repeat(20_000) + '\n');
  put('static/bundle.min.js', 'var a=' + '1+'.repeat(300_000) + '1;');
  put('units/x.timer', '[Timer]\nOnCalendar=daily\nUnit=../../../../etc/passwd\n');
  put('migrations/001.sql', "SELECT cron.schedule('" + "'".repeat(50_000));
  return dir;
}

describe('ops checks on hostile input', () => {
  const dir = hostileRepo();
  for (const check of CHECKS) {
    it(`${check.meta.id} neither throws nor hangs`, async () => {
      const result = await runCheckOn(check, dir);
      expect(result.status, result.reason).not.toBe('error');
    });
  }
});
