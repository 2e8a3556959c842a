// MD5 whose intermediate state can be saved as JSON and resumed later. Node's crypto hashes
// cannot be serialised, and the per-host checksum needs the state of "everything before the
// kickstart slot" recorded once per template (see ../template/template-metadata.ts).

export interface Md5State {
  /** a, b, c, d words of the running digest. */
  words: [number, number, number, number];
  /** Bytes hashed so far (a JS number is exact up to 2^53, far above any ISO). */
  length: number;
  /** Bytes waiting for a full 64-byte block, hex. */
  pending: string;
}

const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const CONSTANTS = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const INITIAL: Md5State['words'] = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];

export class Md5 {
  private readonly words: Int32Array;
  private length: number;
  private readonly block = new Uint8Array(64);
  private readonly blockWords = new Int32Array(this.block.buffer);
  private blockFill: number;

  constructor(state?: Md5State) {
    this.words = Int32Array.from(state?.words ?? INITIAL);
    this.length = state?.length ?? 0;
    const pending = Buffer.from(state?.pending ?? '', 'hex');
    this.block.set(pending);
    this.blockFill = pending.length;
  }

  update(data: Uint8Array): this {
    let offset = 0;
    this.length += data.length;
    if (this.blockFill > 0) {
      const take = Math.min(64 - this.blockFill, data.length);
      this.block.set(data.subarray(0, take), this.blockFill);
      this.blockFill += take;
      offset = take;
      if (this.blockFill < 64) return this;
      this.compress(this.blockWords, 0);
      this.blockFill = 0;
    }
    const whole = (data.length - offset) & ~63;
    if (whole > 0) {
      // Little-endian words read straight from the caller's memory when aligned; else one copy.
      const start = data.byteOffset + offset;
      const words = start % 4 === 0 ? new Int32Array(data.buffer, start, whole / 4) : new Int32Array(new Uint8Array(data.subarray(offset, offset + whole)).buffer);
      for (let i = 0; i < words.length; i += 16) this.compress(words, i);
      offset += whole;
    }
    this.block.set(data.subarray(offset));
    this.blockFill = data.length - offset;
    return this;
  }

  state(): Md5State {
    const [a, b, c, d] = this.words as unknown as [number, number, number, number];
    return { words: [a, b, c, d], length: this.length, pending: Buffer.from(this.block.subarray(0, this.blockFill)).toString('hex') };
  }

  copy(): Md5 {
    return new Md5(this.state());
  }

  /** Finalises a copy, so the running hash can go on (checkisomd5's fragment sums need this). */
  digest(): Buffer {
    const tail = this.copy();
    const bitLength = this.length * 8;
    const padLength = ((this.blockFill < 56 ? 56 : 120) - this.blockFill);
    const padding = new Uint8Array(padLength + 8);
    padding[0] = 0x80;
    const view = new DataView(padding.buffer);
    view.setUint32(padLength, bitLength >>> 0, true);
    view.setUint32(padLength + 4, Math.floor(bitLength / 2 ** 32), true);
    tail.update(padding);
    const out = Buffer.alloc(16);
    for (let i = 0; i < 4; i++) out.writeInt32LE(tail.words[i] ?? 0, i * 4);
    return out;
  }

  /** One 64-byte block: 16 little-endian words of `m` from `base` (x86 and ARM are little-endian). */
  private compress(m: Int32Array, base: number): void {
    const w = this.words;
    let a = w[0] ?? 0;
    let b = w[1] ?? 0;
    let c = w[2] ?? 0;
    let d = w[3] ?? 0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (a + f + (CONSTANTS[i] ?? 0) + (m[base + g] ?? 0)) | 0;
      const s = SHIFTS[i] ?? 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    w[0] = ((w[0] ?? 0) + a) | 0;
    w[1] = ((w[1] ?? 0) + b) | 0;
    w[2] = ((w[2] ?? 0) + c) | 0;
    w[3] = ((w[3] ?? 0) + d) | 0;
  }
}
