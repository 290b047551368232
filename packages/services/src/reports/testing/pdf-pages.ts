/**
 * Test helper: render a PDF's pages with poppler's `pdftoppm` (Debian poppler-utils; `.ci/run`
 * installs it where missing) as binary PPM images and measure each page: its size in pixels and
 * its share of non-white pixels. PPM (P6) is a header and raw RGB bytes, read without an image
 * library.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PageRaster {
  widthPx: number;
  heightPx: number;
  /** Pixels whose darkest channel is below 240 (of 255), / all pixels. */
  inkShare: number;
}

/** Parse a binary PPM (P6, maxval 255). */
export function parsePpm(data: Buffer): PageRaster {
  const header = data.subarray(0, 64).toString("latin1");
  const match = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(header);
  if (!match) throw new Error("not a binary PPM with maxval 255");
  const widthPx = Number(match[1]);
  const heightPx = Number(match[2]);
  const pixels = data.subarray(match[0].length);
  let ink = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    if (Math.min(pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number) < 240)
      ink++;
  }
  return { widthPx, heightPx, inkShare: ink / (widthPx * heightPx) };
}

/** Rasterize every page of `pdf` at `dpi` and measure it. */
export async function rasterizePdf(pdf: Buffer, dpi = 50): Promise<PageRaster[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "ft-pdf-pages-"));
  try {
    await writeFile(path.join(dir, "report.pdf"), pdf);
    await run("pdftoppm", [
      "-r",
      String(dpi),
      path.join(dir, "report.pdf"),
      path.join(dir, "page"),
    ]);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".ppm")).sort();
    return Promise.all(files.map(async (f) => parsePpm(await readFile(path.join(dir, f)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
