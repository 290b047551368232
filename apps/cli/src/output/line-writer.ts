/**
 * Buffered line output with backpressure: lines are joined into chunks of about 64 KiB and
 * handed to a sink; when the sink is a stream whose buffer is full (`write` returned false) the
 * writer waits for `drain`, so memory stays bounded however much is written and nothing is lost
 * when stdout is a slow pipe.
 */
import { once } from "node:events";

/** Where chunks go: returns a promise to wait on before writing more (a full stream), or nothing. */
export type ChunkSink = (chunk: string) => Promise<unknown> | undefined;

/** A sink writing to a Node stream, waiting for `drain` when its buffer is full. */
export function streamSink(stream: NodeJS.WritableStream): ChunkSink {
  return (chunk) => (stream.write(chunk) ? undefined : once(stream, "drain"));
}

/** A sink calling `write` for each chunk (tests, in-memory Io). */
export function callbackSink(write: (chunk: string) => void): ChunkSink {
  return (chunk) => {
    write(chunk);
    return undefined;
  };
}

/** Default chunk size, characters (64 KiB: the usual pipe buffer size on Linux). */
export const defaultChunkChars = 1 << 16;

export class LineWriter {
  private parts: string[] = [];
  private chars = 0;

  constructor(
    private readonly sink: ChunkSink,
    private readonly chunkChars = defaultChunkChars,
  ) {}

  /**
   * Queue one line (without its "\n"). When enough has queued it is written, and a promise is
   * returned that the caller must await before writing more (the sink is full); else undefined,
   * so the common case costs no await.
   */
  line(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.chars += text.length + 1;
    return this.chars >= this.chunkChars ? this.flush() : undefined;
  }

  /** Write what is queued (and wait for the sink when it asks). */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = `${this.parts.join("\n")}\n`;
    this.parts = [];
    this.chars = 0;
    await this.sink(chunk);
  }
}
