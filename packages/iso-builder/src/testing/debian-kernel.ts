// A real Debian kernel plus the few modules a busybox initrd needs to read an ISO from a
// CD-ROM (IDE) or a virtio disk. Downloaded once with `apt-get download` and cached by version.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../exec/run-tool';

export const BOOT_MODULES = ['ata_piix', 'sr_mod', 'isofs', 'virtio_pci', 'virtio_blk'];

export interface CachedKernel {
  vmlinuz: string;
  /** .ko files in load order (dependencies first). */
  modules: string[];
}

async function aptOutput(args: string[]): Promise<string> {
  try {
    return (await runTool('apt-cache', args)).stdout;
  } catch {
    await runTool('apt-get', ['update', '-qq']);
    return (await runTool('apt-cache', args)).stdout;
  }
}

async function kernelPackage(): Promise<{ name: string; version: string }> {
  const depends = await aptOutput(['depends', 'linux-image-amd64']);
  const name = /Depends: (linux-image-[^\s]+-amd64)/.exec(depends)?.[1];
  if (!name) throw new Error(`cannot resolve linux-image-amd64:\n${depends}`);
  const policy = await aptOutput(['policy', name]);
  const version = /Candidate: (\S+)/.exec(policy)?.[1];
  if (!version) throw new Error(`no candidate version for ${name}`);
  return { name, version };
}

function modinfoDepends(ko: Buffer): string[] {
  const match = /depends=([A-Za-z0-9_,-]*)/.exec(ko.toString('latin1'));
  return (match?.[1] ?? '').split(',').filter((name) => name !== '');
}

async function indexModules(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true })) {
    const file = entry.toString();
    if (file.endsWith('.ko')) found.set(file.slice(file.lastIndexOf('/') + 1, -3).replace(/-/g, '_'), join(root, file));
  }
  return found;
}

async function resolveLoadOrder(index: Map<string, string>, wanted: readonly string[]): Promise<string[]> {
  const order: string[] = [];
  const visit = async (name: string): Promise<void> => {
    const path = index.get(name.replace(/-/g, '_'));
    if (!path) throw new Error(`kernel module ${name} not found`);
    if (order.includes(path)) return;
    for (const dependency of modinfoDepends(await readFile(path))) await visit(dependency);
    order.push(path);
  };
  for (const name of wanted) await visit(name);
  return order;
}

const prepared = new Map<string, Promise<CachedKernel>>();

/** Once per process and cache directory: apt lookups take seconds. */
export function cachedDebianKernel(cacheDir: string): Promise<CachedKernel> {
  let kernel = prepared.get(cacheDir);
  if (!kernel) {
    kernel = prepareKernel(cacheDir);
    prepared.set(cacheDir, kernel);
  }
  return kernel;
}

async function prepareKernel(cacheDir: string): Promise<CachedKernel> {
  const { name, version } = await kernelPackage();
  const dir = join(cacheDir, `${name}_${version}`);
  const listFile = join(dir, 'modules.txt');
  if (!existsSync(listFile)) {
    await mkdir(cacheDir, { recursive: true });
    const work = await mkdtemp(join(cacheDir, 'download-'));
    try {
      await runTool('apt-get', ['download', `${name}=${version}`], { cwd: work });
      const deb = (await readdir(work)).find((file) => file.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download ${name} produced no .deb`);
      await runTool('dpkg-deb', ['-x', deb, 'root'], { cwd: work });
      const staged = join(work, 'kernel');
      await mkdir(join(staged, 'modules'), { recursive: true });
      await copyFile(join(work, 'root/boot', (await readdir(join(work, 'root/boot'))).find((f) => f.startsWith('vmlinuz-')) ?? 'vmlinuz'), join(staged, 'vmlinuz'));
      const moduleRoot = join(work, 'root/lib/modules');
      const order = await resolveLoadOrder(await indexModules(moduleRoot), BOOT_MODULES);
      const names: string[] = [];
      for (const path of order) {
        const file = path.slice(path.lastIndexOf('/') + 1);
        await copyFile(path, join(staged, 'modules', file));
        names.push(file);
      }
      await writeFile(join(staged, 'modules.txt'), names.join('\n') + '\n');
      // Test files run in parallel: if another process cached the kernel meanwhile, keep theirs.
      await rename(staged, dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const names = (await readFile(listFile, 'utf8')).split('\n').filter((line) => line !== '');
  return { vmlinuz: join(dir, 'vmlinuz'), modules: names.map((file) => join(dir, 'modules', file)) };
}
