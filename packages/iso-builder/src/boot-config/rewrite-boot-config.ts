// Adds inst.ks (replacing any earlier one) and the extra arguments to every kernel line of an
// isolinux or GRUB configuration, leaving every other line byte for byte as it was.

export type BootConfigKind = 'isolinux' | 'grub';

const KERNEL_LINE: Record<BootConfigKind, RegExp> = {
  isolinux: /^(\s*append)(\s.*)?$/i,
  grub: /^(\s*(?:linux|linuxefi|linux16))(\s.*)$/,
};

export function bootConfigKindOf(path: string): BootConfigKind {
  return /isolinux\.cfg$/i.test(path) ? 'isolinux' : 'grub';
}

export function rewriteBootConfig(text: string, kind: BootConfigKind, newArgs: readonly string[]): string {
  const replaced = new Set(newArgs);
  return text
    .split('\n')
    .map((line) => {
      const match = KERNEL_LINE[kind].exec(line.replace(/\r$/, ''));
      if (!match) return line;
      const carriageReturn = line.endsWith('\r') ? '\r' : '';
      const kept = (match[2] ?? '')
        .trim()
        .split(/\s+/)
        .filter((token) => token !== '' && !token.startsWith('inst.ks=') && !replaced.has(token));
      return `${match[1] ?? ''} ${[...kept, ...newArgs].join(' ')}${carriageReturn}`;
    })
    .join('\n');
}

/** Kernel lines (keyword + arguments) of a config, for checks and inspection reports. */
export function kernelLines(text: string, kind: BootConfigKind): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => KERNEL_LINE[kind].test(line))
    .map((line) => line.trim());
}
