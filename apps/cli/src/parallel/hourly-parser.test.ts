import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HourlyParserThread } from "./hourly-parser.js";
import { estimateWorkerBundle } from "./worker-bundle.js";

describe("HourlyParserThread", () => {
  const saved = process.env.XDG_CACHE_HOME;
  const dir = mkdtempSync(join(tmpdir(), "finetrace-parser-test-"));
  let parser: HourlyParserThread;
  beforeAll(() => {
    process.env.XDG_CACHE_HOME = join(dir, "cache");
    parser = new HourlyParserThread(estimateWorkerBundle());
  });
  afterAll(async () => {
    await parser.close();
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  });

  const write = (name: string, csv: string) => {
    const path = join(dir, name);
    writeFileSync(path, gzipSync(csv));
    return path;
  };

  it("parses a file on its thread, fails with the parse's message, and starts again when needed", async () => {
    const good = write(
      "DE_2024_hourly.csv.gz",
      // hours 00:00 and 02:00: 01:00 is missing (NaN)
      "Datetime (UTC),Carbon intensity gCO₂eq/kWh (Life cycle)\n2024-01-01 00:00:00,300\n2024-01-01 02:00:00,320.5\n",
    );
    const series = await parser.parse(good, "DE_2024_hourly.csv.gz");
    expect(series.firstHourMs).toBe(Date.UTC(2024, 0, 1));
    expect([...series.values]).toEqual([300, Number.NaN, 320.5]);

    const bad = write("XX_2024_hourly.csv.gz", "Datetime (UTC),something else\n");
    await expect(parser.parse(bad, "XX_2024_hourly.csv.gz")).rejects.toThrow(
      /XX_2024_hourly\.csv\.gz: not an Electricity Maps hourly CSV/,
    );
    // The thread exits 50 ms after its last answer; a later request starts another.
    await sleep(200);
    expect((await parser.parse(good, "DE_2024_hourly.csv.gz")).values[2]).toBe(320.5);
  });
});
