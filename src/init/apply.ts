/**
 * Writes the plan. Nothing is destroyed: a new file is created exclusively (if something appeared
 * at its path since planning, it is left alone and reported); a file replaced or patched under
 * --force is first copied byte for byte to `<file>.mina-bak` (or `.mina-bak.1`, … — an older backup
 * is never overwritten) with its mode. Every write is atomic (temp file + rename). Scripts get the
 * executable bits wherever their read bits are set, so the umask is respected.
 */
import { chmod, constants, copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import type { PlannedFile } from './plan.js';

export interface WriteResult {
  path: string;
  outcome: 'created' | 'replaced' | 'patched' | 'skipped';
  backup?: string;
  reason?: string;
}

export async function applyPlan(root: string, files: PlannedFile[]): Promise<WriteResult[]> {
  const out: WriteResult[] = [];
  for (const f of files) {
    const abs = path.join(root, ...f.spec.path.split('/'));
    if (f.action === 'create') {
      try {
        await atomicWrite(abs, f.spec.content, { overwrite: false });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        out.push({ path: f.spec.path, outcome: 'skipped', reason: 'it appeared while mina was planning; left as it is' });
        continue;
      }
      if (f.spec.mode) await makeExecutable(abs);
      out.push({ path: f.spec.path, outcome: 'created' });
    } else if (f.action === 'replace' || f.action === 'patch') {
      const backup = await writeBackup(abs, f.existingMode);
      await atomicWrite(abs, f.spec.content);
      if (f.existingMode !== null) await chmod(abs, f.existingMode);
      if (f.spec.mode) await makeExecutable(abs);
      out.push({ path: f.spec.path, outcome: f.action === 'replace' ? 'replaced' : 'patched', backup: path.relative(root, backup).split(path.sep).join('/') });
    }
  }
  return out;
}

/** A byte-for-byte copy of the file as it is on disk now, under a name no earlier backup holds. */
async function writeBackup(abs: string, mode: number | null): Promise<string> {
  for (let n = 0; n < 1000; n++) {
    const candidate = `${abs}.mina-bak${n ? `.${n}` : ''}`;
    try {
      await copyFile(abs, candidate, constants.COPYFILE_EXCL);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    if (mode !== null) await chmod(candidate, mode);
    return candidate;
  }
  throw new Error(`cannot find a free backup name for ${abs}`);
}

async function makeExecutable(abs: string): Promise<void> {
  const mode = (await stat(abs)).mode & 0o777;
  await chmod(abs, mode | ((mode & 0o444) >> 2));
}
