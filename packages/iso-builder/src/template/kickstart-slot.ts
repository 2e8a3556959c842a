// /ks.cfg is a fixed-size slot so a host's ISO differs from the template only in those bytes:
// the kickstart, then a marker comment, then '#' lines up to the slot size (all comments to
// Anaconda).
import { IsoError } from '../errors';

export const DEFAULT_SLOT_BYTES = 64 * 1024;
const PADDING_MARKER = '#bootfleet:slot-padding\n';
const FILLER_LINE = 64;

export function padKickstart(kickstart: string, slotBytes: number): Buffer {
  const content = kickstart.endsWith('\n') ? kickstart : `${kickstart}\n`;
  const used = Buffer.byteLength(content) + PADDING_MARKER.length;
  if (used > slotBytes) {
    throw new IsoError('KICKSTART_TOO_LARGE', `kickstart is ${Buffer.byteLength(content)} bytes; the slot holds at most ${slotBytes - PADDING_MARKER.length}`, {
      kickstartBytes: Buffer.byteLength(content),
      slotBytes,
    });
  }
  let filler = '';
  let remaining = slotBytes - used;
  for (; remaining >= FILLER_LINE; remaining -= FILLER_LINE) filler += '#'.repeat(FILLER_LINE - 1) + '\n';
  if (remaining > 0) filler += '#'.repeat(remaining - 1) + '\n';
  return Buffer.from(content + PADDING_MARKER + filler);
}

/** The kickstart a slot carries, or undefined if the bytes are not a padded slot. */
export function unpadKickstart(slot: Uint8Array): string | undefined {
  const text = Buffer.from(slot).toString('utf8');
  const marker = text.lastIndexOf(`\n${PADDING_MARKER}`);
  if (marker < 0 || !/^(#*\n)*$/.test(text.slice(marker + 1 + PADDING_MARKER.length))) return undefined;
  return text.slice(0, marker + 1);
}
