import { describe, expect, it } from 'vitest';
import { IsoError } from '../errors';
import { kernelLines, kickstartArgument, rewriteBootConfig, udevEscapeLabel, validateKernelArgs } from '.';

describe('udevEscapeLabel', () => {
  it('keeps udev-safe characters and escapes everything else as \\xNN (UTF-8 bytes)', () => {
    expect(udevEscapeLabel('RHEL-9-4-0-BaseOS-x86_64')).toBe('RHEL-9-4-0-BaseOS-x86_64');
    expect(udevEscapeLabel('CentOS 7 x86_64')).toBe('CentOS\\x207\\x20x86_64');
    expect(udevEscapeLabel('a#+.:=@_-b')).toBe('a#+.:=@_-b');
    expect(udevEscapeLabel('a/b"c$d')).toBe('a\\x2fb\\x22c\\x24d');
    expect(udevEscapeLabel('é')).toBe('\\xc3\\xa9');
  });

  it('builds the inst.ks argument Anaconda reads', () => {
    expect(kickstartArgument('Fedora 42')).toBe('inst.ks=hd:LABEL=Fedora\\x2042:/ks.cfg');
  });
});

const ISOLINUX = [
  'default vesamenu.c32',
  'label linux',
  '  menu label ^Install',
  '  kernel vmlinuz',
  '  append initrd=initrd.img inst.stage2=hd:LABEL=X quiet',
  'label check',
  '  kernel vmlinuz',
  '  append initrd=initrd.img inst.stage2=hd:LABEL=X inst.ks=hd:LABEL=OLD:/old.cfg rd.live.check quiet',
  'label local',
  '  localboot 0xffff',
  '',
].join('\n');

const GRUB = [
  "set default=\"1\"",
  "menuentry 'Install' --class fedora {",
  '\tlinuxefi /images/pxeboot/vmlinuz inst.stage2=hd:LABEL=X quiet',
  '\tinitrdefi /images/pxeboot/initrd.img',
  '}',
  '# linux /commented/out console=tty0',
  "menuentry 'BIOS' {",
  '\tlinux /images/pxeboot/vmlinuz inst.stage2=hd:LABEL=X console=ttyS0',
  '}',
].join('\r\n');

describe('rewriteBootConfig', () => {
  const args = [kickstartArgument('My Label'), 'console=ttyS0', 'inst.text'];

  it('adds inst.ks and the extra arguments to every isolinux append line, replacing an older inst.ks', () => {
    const out = rewriteBootConfig(ISOLINUX, 'isolinux', args);
    const lines = kernelLines(out, 'isolinux');
    expect(lines).toEqual([
      'append initrd=initrd.img inst.stage2=hd:LABEL=X quiet inst.ks=hd:LABEL=My\\x20Label:/ks.cfg console=ttyS0 inst.text',
      'append initrd=initrd.img inst.stage2=hd:LABEL=X rd.live.check quiet inst.ks=hd:LABEL=My\\x20Label:/ks.cfg console=ttyS0 inst.text',
    ]);
    const untouched = (text: string) => text.split('\n').filter((line) => !/^\s*append/.test(line));
    expect(untouched(out)).toEqual(untouched(ISOLINUX));
  });

  it('rewrites linux and linuxefi lines in GRUB, keeping CRLF and comments', () => {
    const out = rewriteBootConfig(GRUB, 'grub', args);
    expect(out.split('\r\n')).toHaveLength(GRUB.split('\r\n').length);
    expect(kernelLines(out, 'grub')).toEqual([
      'linuxefi /images/pxeboot/vmlinuz inst.stage2=hd:LABEL=X quiet inst.ks=hd:LABEL=My\\x20Label:/ks.cfg console=ttyS0 inst.text',
      'linux /images/pxeboot/vmlinuz inst.stage2=hd:LABEL=X inst.ks=hd:LABEL=My\\x20Label:/ks.cfg console=ttyS0 inst.text',
    ]);
    expect(out).toContain('# linux /commented/out console=tty0');
    expect(out).toContain('\tinitrdefi /images/pxeboot/initrd.img\r\n');
  });

  it('is idempotent: rewriting a rewritten config changes nothing', () => {
    const once = rewriteBootConfig(GRUB, 'grub', args);
    expect(rewriteBootConfig(once, 'grub', args)).toBe(once);
    const isolinuxOnce = rewriteBootConfig(ISOLINUX, 'isolinux', args);
    expect(rewriteBootConfig(isolinuxOnce, 'isolinux', args)).toBe(isolinuxOnce);
  });
});

describe('validateKernelArgs (injection attempts)', () => {
  it.each([
    'quiet; reboot',
    'a b',
    'x\nappend evil',
    '$(id)',
    '${root}',
    '"quoted"',
    "it's",
    '}',
    'a\\x20b',
    '',
    '-rf',
    'inst.ks=http://evil/ks.cfg',
  ])('refuses %j with INVALID_KERNEL_ARG', (arg) => {
    expect(() => validateKernelArgs([arg])).toThrow(IsoError);
    try {
      validateKernelArgs([arg]);
    } catch (error) {
      expect((error as IsoError).code).toBe('INVALID_KERNEL_ARG');
    }
  });

  it('accepts ordinary kernel arguments', () => {
    const ok = ['console=ttyS0,115200n8', 'inst.text', 'rd.lvm.lv=rhel/root', 'ip=10.0.0.2::10.0.0.1:255.255.255.0:h:eth0:none', 'quiet'];
    expect(validateKernelArgs(ok)).toEqual(ok);
  });
});
