import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Sets the modification time of every file and folder under `directory` to `at`. The local
 * lake's source reports a dataset's last update from its files' times; the demo's stopped
 * ingest must look stopped there too, not only in lineage, or its files (written when the
 * lake was generated) would keep it fresh.
 */
export async function ageDemoDataset(
  directory: string,
  at: Date,
): Promise<void> {
  const entries = await fs
    .readdir(directory, { withFileTypes: true })
    .catch(() => []);
  for (const entry of entries) {
    const child = path.join(directory, entry.name);
    if (entry.isDirectory()) await ageDemoDataset(child, at);
    await fs.utimes(child, at, at);
  }
  await fs.utimes(directory, at, at).catch(() => undefined);
}
