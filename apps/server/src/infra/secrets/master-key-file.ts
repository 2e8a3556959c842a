import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MASTER_KEY_BYTES, type MasterKey, masterKey } from './envelope';

export const MASTER_KEY_FILE = 'master.key';
/** Written before a rotation commits; renamed over master.key after. */
export const NEXT_MASTER_KEY_FILE = 'master.key.next';

async function readKeyFile(file: string): Promise<MasterKey | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by others (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  const bytes = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (bytes.length !== MASTER_KEY_BYTES) throw new Error(`${file} does not hold a base64 ${MASTER_KEY_BYTES}-byte key`);
  return masterKey(bytes);
}

/** Creates the file only if it does not exist yet, so that two processes starting at once agree. */
async function createKeyFile(file: string, key: MasterKey): Promise<MasterKey> {
  try {
    await writeFile(file, `${key.bytes.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const existing = await readKeyFile(file);
    if (!existing) throw err;
    return existing;
  }
}

export interface FileKeys {
  current: MasterKey;
  /** Present only when a rotation stopped between committing and renaming: still able to open. */
  pending: MasterKey | undefined;
}

/** `<dataDir>/master.key`, generated (mode 0600) on first start. */
export async function loadOrCreateKeyFile(dataDir: string): Promise<FileKeys> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, MASTER_KEY_FILE);
  const current = (await readKeyFile(file)) ?? (await createKeyFile(file, masterKey(randomBytes(MASTER_KEY_BYTES))));
  return { current, pending: await readKeyFile(path.join(dataDir, NEXT_MASTER_KEY_FILE)) };
}

export async function writePendingKeyFile(dataDir: string, key: MasterKey): Promise<void> {
  const file = path.join(dataDir, NEXT_MASTER_KEY_FILE);
  await writeFile(file, `${key.bytes.toString('base64')}\n`, { mode: 0o600 });
  // writeFile's mode only applies when it creates the file.
  await chmod(file, 0o600);
}

export async function promotePendingKeyFile(dataDir: string): Promise<void> {
  await rename(path.join(dataDir, NEXT_MASTER_KEY_FILE), path.join(dataDir, MASTER_KEY_FILE));
}
