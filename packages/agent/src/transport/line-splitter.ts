import { StringDecoder } from 'node:string_decoder';

/** Turns a byte stream into complete lines (UTF-8 safe across chunk boundaries). */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private text = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.feed(this.decoder.write(chunk));
  }

  /** Flushes a last line without a trailing newline; returns everything received. */
  end(): string {
    this.feed(this.decoder.end());
    if (this.pending.length > 0) this.onLine(this.pending);
    this.pending = '';
    return this.text;
  }

  private feed(decoded: string): void {
    if (decoded.length === 0) return;
    this.text += decoded;
    const parts = (this.pending + decoded).split('\n');
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
