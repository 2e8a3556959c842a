// The checksum that isomd5sum's implantisomd5 writes and checkisomd5 verifies, reproduced
// byte for byte so a per-host ISO can carry a correct one without re-reading the whole image
// (see rhinstaller/isomd5sum libimplantisomd5.c and utilities.c):
// - MD5 over [0, volume size - 15 sectors) with the 512-byte application area of the primary
//   volume descriptor read as spaces;
// - the image is read in 32 KiB chunks; after each chunk, fragment = chunkStart * 21 / total;
//   whenever it changes, the first hex digit of the first 3 bytes of the running digest is
//   appended to the fragment sums (so exactly 20 fragments of 3 characters on a large image).
import { Md5, type Md5State } from './md5';

export const SECTOR_SIZE = 2048;
export const PVD_OFFSET = 16 * SECTOR_SIZE;
export const APP_DATA_OFFSET = PVD_OFFSET + 883;
export const APP_DATA_SIZE = 512;
export const SKIP_SECTORS = 15;
const READ_CHUNK = 16 * SECTOR_SIZE;
const FRAGMENT_COUNT = 20;
const FRAGMENT_SUM_CHARS = 60 / FRAGMENT_COUNT;
const VOLUME_SIZE_OFFSET = 84;

/** Volume size in bytes from a primary volume descriptor (big-endian half of the both-endian field). */
export function volumeBytesFromPvd(pvd: Uint8Array): number {
  if (pvd[0] !== 1 || Buffer.from(pvd.subarray(1, 6)).toString('latin1') !== 'CD001') {
    throw new Error('sector 16 is not an ISO 9660 primary volume descriptor');
  }
  return Buffer.from(pvd.buffer, pvd.byteOffset, pvd.byteLength).readUInt32BE(VOLUME_SIZE_OFFSET) * SECTOR_SIZE;
}

export function hashedBytesFor(volumeBytes: number): number {
  return volumeBytes - SKIP_SECTORS * SECTOR_SIZE;
}

/** Everything needed to resume hashing at `position`; JSON-serialisable. */
export interface IsoMd5Checkpoint {
  position: number;
  md5: Md5State;
  fragmentSums: string;
  previousFragment: number;
}

export interface IsoMd5Result {
  md5: string;
  fragmentSums: string;
}

/** Feeds the image in order (any chunk sizes) and reproduces implantisomd5's figures. */
export class IsoMd5Accumulator {
  private readonly md5: Md5;
  private position: number;
  private fragmentSums: string;
  private previousFragment: number;

  constructor(private readonly hashedBytes: number, from?: IsoMd5Checkpoint) {
    this.md5 = new Md5(from?.md5);
    this.position = from?.position ?? 0;
    this.fragmentSums = from?.fragmentSums ?? '';
    this.previousFragment = from?.previousFragment ?? 0;
  }

  get offset(): number {
    return this.position;
  }

  update(data: Uint8Array): this {
    let cursor = 0;
    while (cursor < data.length && this.position < this.hashedBytes) {
      const chunkEnd = Math.min(this.hashedBytes, (Math.floor(this.position / READ_CHUNK) + 1) * READ_CHUNK);
      const take = Math.min(chunkEnd - this.position, data.length - cursor);
      this.hashBlanked(data.subarray(cursor, cursor + take));
      cursor += take;
      if (this.position === chunkEnd) this.onChunkEnd(chunkEnd);
    }
    return this;
  }

  checkpoint(): IsoMd5Checkpoint {
    return { position: this.position, md5: this.md5.state(), fragmentSums: this.fragmentSums, previousFragment: this.previousFragment };
  }

  result(): IsoMd5Result {
    if (this.position !== this.hashedBytes) {
      throw new Error(`image ended at ${this.position} bytes, checksum covers ${this.hashedBytes}`);
    }
    return { md5: this.md5.digest().toString('hex'), fragmentSums: this.fragmentSums };
  }

  private hashBlanked(part: Uint8Array): void {
    const start = this.position;
    const end = start + part.length;
    const blankFrom = Math.max(start, APP_DATA_OFFSET);
    const blankTo = Math.min(end, APP_DATA_OFFSET + APP_DATA_SIZE);
    if (blankFrom < blankTo) {
      const copy = Buffer.from(part);
      copy.fill(0x20, blankFrom - start, blankTo - start);
      this.md5.update(copy);
    } else {
      this.md5.update(part);
    }
    this.position = end;
  }

  private onChunkEnd(chunkEnd: number): void {
    const chunkStart = (Math.ceil(chunkEnd / READ_CHUNK) - 1) * READ_CHUNK;
    const fragment = Math.floor((chunkStart * (FRAGMENT_COUNT + 1)) / this.hashedBytes);
    if (fragment === this.previousFragment) return;
    const digest = this.md5.digest();
    for (let i = 0; i < FRAGMENT_SUM_CHARS; i++) this.fragmentSums += (digest[i] ?? 0).toString(16)[0];
    this.previousFragment = fragment;
  }
}

/** The 512-byte application area implantisomd5 writes (RHLISOSTATUS=0: not "supported" media). */
export function formatAppData(result: IsoMd5Result): Buffer {
  const text = `ISO MD5SUM = ${result.md5};SKIPSECTORS = ${SKIP_SECTORS};RHLISOSTATUS=0;` +
    `FRAGMENT SUMS = ${result.fragmentSums};FRAGMENT COUNT = ${FRAGMENT_COUNT};` +
    'THIS IS NOT THE SAME AS RUNNING MD5SUM ON THIS ISO!!';
  const area = Buffer.alloc(APP_DATA_SIZE, 0x20);
  area.write(text, 'latin1');
  return area;
}

export function parseAppData(area: Uint8Array): IsoMd5Result | undefined {
  const text = Buffer.from(area).toString('latin1');
  const md5 = /ISO MD5SUM = ([0-9a-f]{32});/.exec(text)?.[1];
  const fragmentSums = /FRAGMENT SUMS = ([0-9a-f]*);/.exec(text)?.[1];
  return md5 !== undefined && fragmentSums !== undefined ? { md5, fragmentSums } : undefined;
}
