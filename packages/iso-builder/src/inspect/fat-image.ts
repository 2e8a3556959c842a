// The EFI FAT image read and patched with mtools: no root, no loop mount.
import { writeFile } from 'node:fs/promises';
import { runTool } from '../exec/run-tool';

// Installer FAT images often have geometry mtools would otherwise reject.
const MTOOLS_ENV = { MTOOLS_SKIP_CHECK: '1' };

/** Every file in the image (recursive), as /PATH; an unreadable image fails with TOOL_FAILED. */
export async function listFatFiles(image: string): Promise<string[]> {
  const { stdout } = await runTool('mdir', ['-/', '-b', '-i', image, '::/'], { env: MTOOLS_ENV });
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('::/') && !line.endsWith('/'))
    .map((line) => line.slice(2));
}

export async function readFatFile(image: string, path: string): Promise<string> {
  return (await runTool('mtype', ['-i', image, `::${path}`], { env: MTOOLS_ENV })).stdout;
}

export async function writeFatFile(image: string, path: string, content: string, scratchFile: string): Promise<void> {
  await writeFile(scratchFile, content);
  await runTool('mcopy', ['-o', '-i', image, scratchFile, `::${path}`], { env: MTOOLS_ENV });
}
