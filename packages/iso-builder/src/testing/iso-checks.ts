// Independent checks of produced ISOs with the real tools (isomd5sum, osirrox, isoinfo).
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../exec/run-tool';

/** checkisomd5's verdict: true when the implanted checksum matches (exit 0). */
export function checkIsoMd5(path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn('checkisomd5', [path], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0));
  });
}

export async function extractIsoFile(iso: string, isoPath: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'bootfleet-extract-'));
  try {
    await runTool('osirrox', ['-indev', iso, '-extract', isoPath, join(dir, 'file')]);
    return await readFile(join(dir, 'file'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function hasJoliet(iso: string): Promise<boolean> {
  return /Joliet with UCS level/.test((await runTool('isoinfo', ['-d', '-i', iso])).stdout);
}

/** What mkksiso-style tooling would do per host: copy, overwrite the slot, implantisomd5 -f. */
export async function referenceHostIso(template: string, slotOffset: number, slot: Buffer, out: string): Promise<void> {
  await copyFile(template, out);
  const handle = await open(out, 'r+');
  try {
    await handle.write(slot, 0, slot.length, slotOffset);
  } finally {
    await handle.close();
  }
  await runTool('implantisomd5', ['-f', out]);
}
