import { IsoError } from '../errors';

const UDEV_SAFE = /[0-9A-Za-z#+\-.:=@_]/;

/** Escapes a volume label the way udev names /dev/disk/by-label (and Anaconda's hd:LABEL= expects). */
export function udevEscapeLabel(label: string): string {
  let out = '';
  for (const ch of label) {
    if (UDEV_SAFE.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export function kickstartArgument(volumeLabel: string): string {
  return `inst.ks=hd:LABEL=${udevEscapeLabel(volumeLabel)}:/ks.cfg`;
}

// Boot configs are parsed by isolinux and GRUB: quotes, `$`, `;`, `{}` and whitespace would let an
// argument change the menu itself, so an extra argument is one plain token.
const SAFE_ARGUMENT = /^[A-Za-z0-9_][A-Za-z0-9_.,:=+/@%-]*$/;

export function validateKernelArgs(args: readonly string[]): string[] {
  for (const arg of args) {
    if (!SAFE_ARGUMENT.test(arg)) {
      throw new IsoError('INVALID_KERNEL_ARG', `kernel argument ${JSON.stringify(arg)} must be one token of letters, digits and _.,:=+/@%-`, { arg });
    }
    if (arg.startsWith('inst.ks=') || arg === 'inst.ks') {
      throw new IsoError('INVALID_KERNEL_ARG', 'inst.ks is set by the template itself', { arg });
    }
  }
  return [...args];
}
