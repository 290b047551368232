/**
 * A JSONL file as chunks of whole lines, as bytes, for the estimate worker threads: each chunk
 * is its own ArrayBuffer (transferable without a copy) and knows the record index and line
 * number of its first line, so workers number records exactly as the in-process reader
 * (`fileLines` in `input/read-disclosures.ts`) does:
 * - lines are split at "\n"; a line that is empty or only whitespace (`trim() === ""`) is not a
 *   record but still counts as a line;
 * - records are numbered 0, 1, ... in file order (`index`), lines 1, 2, ... (`lineNumber`).
 * Splitting at the "\n" byte never cuts a UTF-8 character (continuation bytes are >= 0x80).
 */
import { open } from "node:fs/promises";
import { cannotRead } from "../input/read-disclosures.js";

/**
 * Chunk size read from the file, bytes: 128 KiB is about 500 records of the benchmark and 2 MB
 * of NDJSON, small enough to keep a few chunks in flight per worker, large enough that the
 * messages cost nothing (one per 500 records).
 */
export const defaultChunkBytes = 1 << 17;

export interface LineChunk {
  /**
   * The chunk's lines, each ending with "\n" except, when `unterminated`, the file's last line.
   * `bytes.buffer` (the read buffer, maybe longer than `bytes`) belongs to this chunk alone
   * (byteOffset 0), so it can be transferred.
   */
  bytes: Uint8Array;
  /** Record index of the chunk's first record. */
  firstIndex: number;
  /** 1-based line number of the chunk's first line. */
  firstLineNumber: number;
  /** Records (non-blank lines) in the chunk. */
  records: number;
  /** Lines in the chunk, blank ones included. */
  lines: number;
  /** The last line has no "\n" (end of a file that does not end with one). */
  unterminated: boolean;
}

/** A line with a first byte in "!".."~" is a record without decoding; others are decoded. */
function isRecordLine(bytes: Uint8Array, start: number, end: number): boolean {
  if (end === start) return false;
  const first = bytes[start] as number;
  if (first > 0x20 && first < 0x7f) return true;
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
      .toString("utf8")
      .trim() !== ""
  );
}

/** Count the lines and records of `bytes[0, length)` (lines end at "\n", or at `length`). */
function countLines(bytes: Uint8Array, length: number): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  let start = 0;
  while (start < length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1 || end >= length) end = length;
    lines += 1;
    if (isRecordLine(bytes, start, end)) records += 1;
    start = end + 1;
  }
  return { lines, records };
}

/**
 * Read `path` as chunks of about `chunkBytes` (a longer line makes a longer chunk), in order.
 * Memory: one chunk being filled plus what the consumer holds.
 * @throws UsageError when the file cannot be read.
 */
export async function* jsonlChunks(
  path: string,
  chunkBytes = defaultChunkBytes,
): AsyncGenerator<LineChunk> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw cannotRead(path, error);
  }
  let index = 0;
  let lineNumber = 1;
  const chunk = (bytes: Uint8Array, length: number, unterminated: boolean): LineChunk => {
    // A view of the read buffer (no copy): the buffer is transferred whole with the chunk,
    // after the tail past the last line (if any) has been copied out.
    const own = bytes.subarray(0, length);
    const { lines, records } = countLines(own, length);
    const made = {
      bytes: own,
      firstIndex: index,
      firstLineNumber: lineNumber,
      records,
      lines,
      unterminated,
    };
    index += records;
    lineNumber += lines;
    return made;
  };
  try {
    let carry = new Uint8Array(0);
    for (;;) {
      let size = Math.max(chunkBytes, carry.length * 2);
      let buffer = new Uint8Array(size);
      buffer.set(carry);
      let filled = carry.length;
      let eof = false;
      // Fill the buffer; grow it while it holds no complete line.
      for (;;) {
        while (filled < size) {
          let bytesRead: number;
          try {
            ({ bytesRead } = await handle.read(buffer, filled, size - filled, null));
          } catch (error) {
            throw cannotRead(path, error);
          }
          if (bytesRead === 0) {
            eof = true;
            break;
          }
          filled += bytesRead;
        }
        if (eof || buffer.lastIndexOf(0x0a, filled - 1) !== -1) break;
        size *= 2;
        const grown = new Uint8Array(size);
        grown.set(buffer.subarray(0, filled));
        buffer = grown;
      }
      const lastNewline = filled === 0 ? -1 : buffer.lastIndexOf(0x0a, filled - 1);
      if (eof) {
        if (lastNewline !== -1) {
          const rest = buffer.slice(lastNewline + 1, filled);
          yield chunk(buffer, lastNewline + 1, false);
          if (rest.length > 0) yield chunk(rest, rest.length, true);
        } else if (filled > 0) {
          yield chunk(buffer, filled, true);
        }
        return;
      }
      carry = buffer.slice(lastNewline + 1, filled);
      yield chunk(buffer, lastNewline + 1, false);
    }
  } finally {
    await handle.close();
  }
}
