import { describe, expect, it } from 'vitest';
import { APP_DATA_OFFSET, APP_DATA_SIZE, formatAppData, IsoMd5Accumulator, parseAppData, PVD_OFFSET, SECTOR_SIZE, volumeBytesFromPvd } from './iso-md5';
import { Md5 } from './md5';

function image(sectors: number): Buffer {
  const data = Buffer.alloc(sectors * SECTOR_SIZE);
  for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
  return data;
}

function straightPass(data: Buffer, hashed: number) {
  return new IsoMd5Accumulator(hashed).update(data).result();
}

describe('IsoMd5Accumulator', () => {
  const data = image(700);
  const hashed = data.length - 15 * SECTOR_SIZE;

  it('reads the application area as spaces and stops at the hashed length', () => {
    const blanked = Buffer.from(data.subarray(0, hashed));
    blanked.fill(0x20, APP_DATA_OFFSET, APP_DATA_OFFSET + APP_DATA_SIZE);
    expect(straightPass(data, hashed).md5).toBe(new Md5().update(blanked).digest().toString('hex'));
    const changedArea = Buffer.from(data);
    changedArea.write('ISO MD5SUM = whatever', APP_DATA_OFFSET, 'latin1');
    changedArea.fill(7, hashed);
    expect(straightPass(changedArea, hashed)).toEqual(straightPass(data, hashed));
  });

  it('gives 20 fragment sums of 3 hex digits on an image of many 32 KiB chunks', () => {
    expect(straightPass(data, hashed).fragmentSums).toMatch(/^[0-9a-f]{60}$/);
  });

  it('does not depend on how the bytes are chunked, and resumes from any checkpoint', () => {
    const expected = straightPass(data, hashed);
    for (const cut of [0, 100, APP_DATA_OFFSET + 10, 32768, 65536 + 2048, 400 * SECTOR_SIZE, hashed]) {
      const first = new IsoMd5Accumulator(hashed);
      for (let i = 0; i < cut; i += 3001) first.update(data.subarray(i, Math.min(cut, i + 3001)));
      const resumed = new IsoMd5Accumulator(hashed, JSON.parse(JSON.stringify(first.checkpoint())));
      expect(resumed.update(data.subarray(cut)).result()).toEqual(expected);
    }
  });

  it('notices when a change after a checkpoint alters the checksum', () => {
    const changed = Buffer.from(data);
    changed[hashed - 1] = (changed[hashed - 1] ?? 0) ^ 1;
    expect(straightPass(changed, hashed).md5).not.toBe(straightPass(data, hashed).md5);
  });

  it('refuses a result before all hashed bytes were seen', () => {
    expect(() => new IsoMd5Accumulator(hashed).update(data.subarray(0, 1000)).result()).toThrow(/ended at 1000/);
  });
});

describe('application area', () => {
  it('formats what implantisomd5 writes and parses it back', () => {
    const area = formatAppData({ md5: 'a'.repeat(32), fragmentSums: 'b'.repeat(60) });
    expect(area).toHaveLength(APP_DATA_SIZE);
    expect(area.toString('latin1').trimEnd()).toBe(
      `ISO MD5SUM = ${'a'.repeat(32)};SKIPSECTORS = 15;RHLISOSTATUS=0;FRAGMENT SUMS = ${'b'.repeat(60)};FRAGMENT COUNT = 20;THIS IS NOT THE SAME AS RUNNING MD5SUM ON THIS ISO!!`,
    );
    expect(parseAppData(area)).toEqual({ md5: 'a'.repeat(32), fragmentSums: 'b'.repeat(60) });
    expect(parseAppData(Buffer.alloc(APP_DATA_SIZE, 0x20))).toBeUndefined();
  });

  it('reads the volume size from a primary volume descriptor and refuses anything else', () => {
    const pvd = Buffer.alloc(SECTOR_SIZE);
    pvd[0] = 1;
    pvd.write('CD001', 1, 'latin1');
    pvd.writeUInt32BE(1234, 84);
    expect(volumeBytesFromPvd(pvd)).toBe(1234 * SECTOR_SIZE);
    expect(() => volumeBytesFromPvd(Buffer.alloc(SECTOR_SIZE))).toThrow(/primary volume descriptor/);
    expect(PVD_OFFSET).toBe(32768);
  });
});
