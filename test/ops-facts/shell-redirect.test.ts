import { describe, expect, it } from 'vitest';
import { splitShell } from '../../src/facts/ci/shell.js';

describe('shell redirection targets', () => {
  it('drops a quoted target holding $(…) without losing the next command', () => {
    const argvs = splitShell('pg_dump "$URL" > "/b/$(date +%F).dump"\nfind /b -mtime +7 -delete\npg_dump x > /b/$(date).sql; echo ok\n').map((c) => c.argv);
    expect(argvs).toEqual([['pg_dump', '$URL'], ['find', '/b', '-mtime', '+7', '-delete'], ['pg_dump', 'x'], ['echo', 'ok']]);
  });
});
