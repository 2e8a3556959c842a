/** A maintenance window occurrence: open from `start` (inclusive) to `end` (exclusive). */
export interface Opening {
  start: Date;
  end: Date;
}

export function isOpenAt(opening: Opening, instant: Date): boolean {
  return opening.start.getTime() <= instant.getTime() && instant.getTime() < opening.end.getTime();
}

export function lengthMs(opening: Opening): number {
  return opening.end.getTime() - opening.start.getTime();
}
