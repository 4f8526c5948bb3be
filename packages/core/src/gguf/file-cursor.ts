import type { FileHandle } from 'node:fs/promises';
import { GgufTruncatedError } from './gguf-errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a file front to back in chunks, so that a header is parsed without loading the tensor data
 * behind it. Reading past the end is a GgufTruncatedError naming what was being read.
 */
export class FileCursor {
  private buffer = Buffer.alloc(0);
  /** File offset of `buffer[0]`. */
  private bufferStart = 0;
  /** File offset of the next byte to hand out. */
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly path: string,
  ) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.size - this.position;
  }

  /** The next `length` bytes; the view is valid until the next call. */
  async take(length: number, what: string): Promise<Buffer> {
    if (length > this.remaining) throw new GgufTruncatedError(this.path, what);
    const end = this.position + length;
    if (end > this.bufferStart + this.buffer.length) await this.fill(end);
    const from = this.position - this.bufferStart;
    this.position = end;
    return this.buffer.subarray(from, from + length);
  }

  /** Moves past the next `length` bytes without reading them: how values nobody needs are passed over. */
  skip(length: number, what: string): void {
    if (length > this.remaining) throw new GgufTruncatedError(this.path, what);
    this.position += length;
  }

  private async fill(end: number): Promise<void> {
    const kept = this.buffer.subarray(this.position - this.bufferStart);
    const wanted = Math.min(Math.max(end - this.position, CHUNK_BYTES), this.size - this.position);
    const next = Buffer.alloc(wanted);
    kept.copy(next);
    let filled = kept.length;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(next, filled, wanted - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.buffer = next.subarray(0, filled);
    this.bufferStart = this.position;
    if (this.bufferStart + filled < end) throw new GgufTruncatedError(this.path, 'the file (it shrank while read)');
  }
}
