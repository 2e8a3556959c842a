// A tiny initrd standing in for Anaconda's: it proves what the installer would see, namely the
// kernel command line and the /ks.cfg of the ISO it booted from, on the serial console.
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runTool } from '../exec/run-tool';
import type { CachedKernel } from './debian-kernel';

export const MARKERS = {
  cmdlineBegin: '@@BOOTFLEET-CMDLINE-BEGIN@@',
  cmdlineEnd: '@@BOOTFLEET-CMDLINE-END@@',
  labelPrefix: '@@BOOTFLEET-LABEL@@',
  ksBegin: '@@BOOTFLEET-KS-BEGIN@@',
  ksEnd: '@@BOOTFLEET-KS-END@@',
  noKickstart: '@@BOOTFLEET-NO-KS@@',
} as const;

// The ISO is found the way Anaconda finds it: by the (udev-escaped) label in inst.ks, decoded
// and looked up with findfs. The decoded label is printed so tests can compare it with the
// base ISO's volume id.
export const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /mnt /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "${MARKERS.cmdlineBegin}"
cat /proc/cmdline
echo "${MARKERS.cmdlineEnd}"
for m in $(cat /modules.txt); do insmod "/lib/modules/$m"; done
escaped=$(sed -n 's/.*inst\\.ks=hd:LABEL=\\([^ ]*\\):\\/ks\\.cfg.*/\\1/p' /proc/cmdline)
label=$(printf "$escaped")
found=""
tries=0
while [ -n "$label" ] && [ -z "$found" ] && [ $tries -lt 100 ]; do
  dev=$(findfs "LABEL=$label" 2>/dev/null)
  if [ -n "$dev" ] && mount -t iso9660 -o ro "$dev" /mnt; then
    echo "${MARKERS.labelPrefix}$label"
    found="$dev"
  else
    tries=$((tries + 1))
    usleep 200000
  fi
done
if [ -n "$found" ] && [ -f /mnt/ks.cfg ]; then
  echo "${MARKERS.ksBegin}"
  cat /mnt/ks.cfg
  echo "${MARKERS.ksEnd}"
else
  echo "${MARKERS.noKickstart}"
fi
sync
poweroff -f
`;

export async function buildBusyboxInitrd(kernel: CachedKernel, outPath: string): Promise<void> {
  const root = await mkdtemp(join(outPath + '.d-'));
  try {
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'lib/modules'), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin/busybox'));
    for (const module of kernel.modules) await copyFile(module, join(root, 'lib/modules', basename(module)));
    await writeFile(join(root, 'modules.txt'), kernel.modules.map((m) => basename(m)).join('\n') + '\n');
    await writeFile(join(root, 'init'), INIT_SCRIPT);
    await chmod(join(root, 'init'), 0o755);
    // cpio reads the file list from stdin; a shell pipeline keeps it to one line.
    await runTool('sh', ['-c', 'find . | cpio -o -H newc --quiet | gzip -1 > "$0"', outPath], { cwd: root });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
