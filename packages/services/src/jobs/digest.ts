import { createHash } from "node:crypto";

/** Short stable digest of a text, for deduplication ids (128 bits of SHA-256, hex). */
export const digest = (text: string): string =>
  createHash("sha256").update(text).digest("hex").slice(0, 32);
