/**
 * Writes a file so that readers see either the old content or the new, never a torn file: write a
 * sibling temp file, then rename over the target (atomic within one file system).
 */
import { writeFile, rename, unlink, mkdir, open } from 'node:fs/promises';
import path from 'node:path';

export async function atomicWrite(file: string, content: string, options: { overwrite: boolean } = { overwrite: true }): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  if (!options.overwrite) {
    // 'wx' fails if the file exists, closing the check-then-write race.
    const handle = await open(file, 'wx');
    await handle.close();
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
