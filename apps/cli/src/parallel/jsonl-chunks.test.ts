import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileLines, jsonLineItem, type RawItem } from "../input/read-disclosures.js";
import { chunkItems } from "./estimate-chunk.js";
import { jsonlChunks, type LineChunk } from "./jsonl-chunks.js";

async function fileWith(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "finetrace-chunks-")), "runs.jsonl");
  await writeFile(file, text);
  return file;
}

async function chunksOf(file: string, chunkBytes: number): Promise<LineChunk[]> {
  const chunks: LineChunk[] = [];
  for await (const chunk of jsonlChunks(file, chunkBytes)) chunks.push(chunk);
  return chunks;
}

/** What the in-process reader makes of the file. */
async function inProcessItems(file: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  for await (const lines of fileLines(file)) {
    for (const { line, lineNumber } of lines)
      items.push(jsonLineItem(line, items.length, lineNumber));
  }
  return items;
}

describe("jsonlChunks", () => {
  // 7 lines: records {"a":1} (line 1), {"b":2} (line 3, CRLF), {"c":3} (line 5), {bad (line 6),
  // é-record (line 7, unterminated); line 2 is empty and line 4 only whitespace.
  const text = '{"a":1}\n\n{"b":2}\r\n \t \n{"c":3}\n{bad\n{"d":"é"}';

  it("cuts at line ends and numbers records and lines as the in-process reader", async () => {
    const file = await fileWith(text);
    // 16-byte chunks: each holds the lines that end within it (a longer line grows the chunk).
    const chunks = await chunksOf(file, 16);
    expect(chunks.map((c) => [c.firstIndex, c.firstLineNumber, c.records, c.lines])).toEqual([
      [0, 1, 1, 2], // '{"a":1}\n\n' (9 bytes; the next line does not end within 16 bytes)
      [1, 3, 1, 2], // '{"b":2}\r\n \t \n'
      [2, 5, 2, 2], // '{"c":3}\n{bad\n'
      [4, 7, 1, 1], // '{"d":"é"}', unterminated
    ]);
    expect(chunks.at(-1)?.unterminated).toBe(true);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).toString("utf8")).toBe(text);
    for (const c of chunks) expect(c.bytes.byteOffset).toBe(0);
    const items = chunks.flatMap((c) => [...chunkItems({ ...c, successors: [], shownLimit: 0 })]);
    expect(items).toEqual(await inProcessItems(file));
    expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3, 4]);
    expect("issues" in (items[3] as RawItem) && items[3]).toMatchObject({
      issues: [{ index: 3, path: "", message: expect.stringMatching(/^line 6: not valid JSON/) }],
    });
  });

  it("grows the buffer (doubling) until it holds a whole line", async () => {
    // A 117-byte line with 16-byte chunks: 16 -> 32 -> 64 -> 128 bytes, which then holds the
    // whole 125-byte file, so one chunk of both lines.
    const long = `{"baseModel":"${"x".repeat(100)}"}`;
    const chunks = await chunksOf(await fileWith(`${long}\n{"a":1}\n`), 16);
    expect(chunks.map((c) => [c.records, c.lines, c.bytes.byteLength])).toEqual([[2, 2, 125]]);
    expect(chunks[0]?.unterminated).toBe(false);
  });
});
