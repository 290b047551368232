/**
 * Buffered line output with backpressure: lines are joined into chunks of about 64 KiB and
 * handed to a sink; when the sink is a stream whose buffer is full (`write` returned false) the
 * writer waits for `drain`, so memory stays bounded however much is written and nothing is lost
 * when stdout is a slow pipe.
 */
import { once } from "node:events";

/**
 * Where chunks go (text, or UTF-8 bytes from a worker thread): returns a promise to wait on
 * before writing more (a full stream), or nothing. `done`, when given, is called once the sink
 * no longer needs the chunk (a stream: its write callback), so its buffer can be reused.
 */
export type ChunkSink = (
  chunk: string | Uint8Array,
  done?: () => void,
) => Promise<unknown> | undefined;

/** A sink writing to a Node stream, waiting for `drain` when its buffer is full. */
export function streamSink(stream: NodeJS.WritableStream): ChunkSink {
  return (chunk, done) =>
    stream.write(chunk, done && (() => done())) ? undefined : once(stream, "drain");
}

/** A sink calling `write` for each chunk (tests, in-memory Io); bytes are decoded as UTF-8. */
export function callbackSink(write: (chunk: string) => void): ChunkSink {
  return (chunk, done) => {
    write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    done?.();
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

  /**
   * Write what is queued, then `chunk` as it is (whole lines, each ending with "\n", e.g. a
   * worker thread's encoded output), waiting for the sink when it asks; `done` as in `ChunkSink`.
   */
  async write(chunk: string | Uint8Array, done?: () => void): Promise<void> {
    await this.flush();
    await this.sink(chunk, done);
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
