import { describe, expect, it } from 'vitest';
import { IsoError } from '../errors';
import { padKickstart, unpadKickstart } from './kickstart-slot';

describe('kickstart slot', () => {
  it.each([1, 63, 64, 65, 1000])('pads to exactly the slot size and reads back (%i bytes of content)', (length) => {
    const kickstart = `${'x'.repeat(length - 1)}\n`;
    const slot = padKickstart(kickstart, 4096);
    expect(slot).toHaveLength(4096);
    expect(unpadKickstart(slot)).toBe(kickstart);
    expect(slot.toString().slice(kickstart.length).split('\n').slice(1).every((line) => /^#*$/.test(line))).toBe(true);
  });

  it('adds the final newline a kickstart needs', () => {
    expect(unpadKickstart(padKickstart('text\nreboot', 2048))).toBe('text\nreboot\n');
  });

  it('keeps a kickstart that itself contains the padding marker intact', () => {
    const kickstart = 'text\n#bootfleet:slot-padding\n#####\nreboot\n';
    expect(unpadKickstart(padKickstart(kickstart, 2048))).toBe(kickstart);
  });

  it('fills a slot exactly and refuses one byte more with KICKSTART_TOO_LARGE', () => {
    const marker = '#bootfleet:slot-padding\n'.length;
    const fits = `${'a'.repeat(2048 - marker - 1)}\n`;
    expect(unpadKickstart(padKickstart(fits, 2048))).toBe(fits);
    const error = (() => {
      try {
        padKickstart(`a${fits}`, 2048);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(IsoError);
    expect((error as IsoError).code).toBe('KICKSTART_TOO_LARGE');
  });

  it('counts bytes, not characters', () => {
    expect(() => padKickstart(`${'é'.repeat(1020)}\n`, 2048)).toThrow(/slot holds/);
  });

  it('recognises bytes that are not a padded slot', () => {
    expect(unpadKickstart(Buffer.from('text\nreboot\n'))).toBeUndefined();
    expect(unpadKickstart(Buffer.from('text\n#bootfleet:slot-padding\nreboot\n'))).toBeUndefined();
  });
});
