// Boots an ISO in qemu (TCG) and reads what the busybox initrd printed on the serial console.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKERS } from './busybox-initrd';

export type Firmware = 'bios' | 'uefi';
export type BootMedia = 'cdrom' | 'disk';

export interface BootReport {
  cmdline: string;
  /** The label the initrd decoded from inst.ks and found a filesystem for. */
  label: string | undefined;
  /** /ks.cfg as read from the booted ISO, or undefined if none was found. */
  kickstart: string | undefined;
  log: string;
}

const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';

function between(log: string, begin: string, end: string): string | undefined {
  const start = log.indexOf(begin);
  const stop = log.indexOf(end, start);
  if (start < 0 || stop < 0) return undefined;
  return log.slice(start + begin.length, stop).replace(/^\r?\n/, '').replace(/\r\n/g, '\n');
}

function finished(log: string): boolean {
  return log.includes(MARKERS.ksEnd) || log.includes(MARKERS.noKickstart);
}

export async function bootIso(iso: string, firmware: Firmware, media: BootMedia, deadlineMs: number): Promise<BootReport> {
  const dir = await mkdtemp(join(tmpdir(), 'bootfleet-qemu-'));
  const serial = join(dir, 'serial.log');
  const args = ['-machine', 'pc', '-m', '512', '-smp', '1', '-display', 'none', '-monitor', 'none', '-no-reboot', '-serial', `file:${serial}`];
  if (firmware === 'uefi') {
    await copyFile(OVMF_VARS, join(dir, 'vars.fd'));
    args.push('-drive', `if=pflash,format=raw,readonly=on,file=${OVMF_CODE}`, '-drive', `if=pflash,format=raw,file=${join(dir, 'vars.fd')}`);
  }
  args.push('-drive', media === 'cdrom' ? `file=${iso},media=cdrom,if=ide,readonly=on` : `file=${iso},if=virtio,format=raw,readonly=on`);
  const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited = false;
  qemu.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<void>((resolve) => qemu.on('close', () => ((exited = true), resolve())));
  const readLog = (): Promise<string> => readFile(serial, 'latin1').catch(() => '');
  try {
    const deadline = Date.now() + deadlineMs;
    let log = await readLog();
    while (!finished(log) && !exited && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      log = await readLog();
    }
    if (!finished(log)) {
      throw new Error(`${firmware}/${media} boot of ${iso} did not finish (${exited ? 'qemu exited' : 'deadline passed'}); qemu: ${stderr.trim()}\nserial tail:\n${log.slice(-2000)}`);
    }
    return {
      cmdline: (between(log, MARKERS.cmdlineBegin, MARKERS.cmdlineEnd) ?? '').trim(),
      label: new RegExp(`${MARKERS.labelPrefix}(.*)`).exec(log)?.[1]?.replace(/\r$/, ''),
      kickstart: between(log, `${MARKERS.ksBegin}`, MARKERS.ksEnd),
      log,
    };
  } finally {
    if (!exited) qemu.kill('SIGKILL');
    await exit;
    await rm(dir, { recursive: true, force: true });
  }
}
