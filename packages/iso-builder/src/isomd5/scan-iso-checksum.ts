import { createReadStream } from 'node:fs';
import { IsoMd5Accumulator, type IsoMd5Checkpoint, type IsoMd5Result } from './iso-md5';

export interface IsoChecksumScan {
  result: IsoMd5Result;
  /** State at `checkpointAt`, to resume hashing there for each host. */
  checkpoint: IsoMd5Checkpoint;
}

/** One pass over an image file: its implantisomd5 figures and the resumable state at one offset. */
export async function scanIsoChecksum(path: string, hashedBytes: number, checkpointAt: number): Promise<IsoChecksumScan> {
  const accumulator = new IsoMd5Accumulator(hashedBytes);
  let checkpoint: IsoMd5Checkpoint | undefined = checkpointAt === 0 ? accumulator.checkpoint() : undefined;
  const stream = createReadStream(path, { start: 0, end: hashedBytes - 1, highWaterMark: 4 * 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const start = accumulator.offset;
    if (checkpoint === undefined && start + chunk.length >= checkpointAt) {
      accumulator.update(chunk.subarray(0, checkpointAt - start));
      checkpoint = accumulator.checkpoint();
      accumulator.update(chunk.subarray(checkpointAt - start));
    } else {
      accumulator.update(chunk);
    }
  }
  if (checkpoint === undefined) throw new Error(`checkpoint ${checkpointAt} lies beyond the ${hashedBytes} hashed bytes`);
  return { result: accumulator.result(), checkpoint };
}
