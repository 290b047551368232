import { describe, expect, it } from "vitest";
import { validateRunItems } from "./submit-runs.js";

const ok = { baseModel: "Llama 2", gridZone: "DE", reservedDurationHours: 2 };

describe("validateRunItems", () => {
  it("rejects NUL characters and lone surrogates per item, naming the field", () => {
    const { valid, issues } = validateRunItems([
      { index: 0, externalId: "ok-1", disclosure: ok },
      { index: 1, externalId: "bad\u0000id", disclosure: ok },
      { index: 2, externalId: "bad-\ud800", disclosure: ok },
      { index: 3, externalId: "ok-2", disclosure: { ...ok, baseModel: "Llama\u0000 2" } },
      { index: 4, externalId: "ok-3", disclosure: { ...ok, chainId: "chain-\udc00" } },
      // A well-formed surrogate pair (an emoji) is valid Unicode.
      { index: 5, externalId: "ok-\ud83d\ude00", disclosure: ok },
    ]);
    expect(valid.map((v) => v.index)).toEqual([0, 5]);
    expect(issues.map((i) => [i.index, i.path, i.message])).toEqual([
      [1, "externalId", "must not contain a NUL character (U+0000)"],
      [2, "externalId", "must be valid Unicode (it contains a lone UTF-16 surrogate)"],
      [3, "baseModel", "must not contain a NUL character (U+0000)"],
      [4, "chainId", "must be valid Unicode (it contains a lone UTF-16 surrogate)"],
    ]);
  });

  it("rejects impossible dates and a later duplicate externalId, keeping the good items", () => {
    const { valid, issues } = validateRunItems([
      { index: 0, externalId: "a", disclosure: { ...ok, startTime: "2024-02-30T00:00:00Z" } },
      { index: 1, externalId: "b", disclosure: ok },
      { index: 2, externalId: "b", disclosure: ok },
    ]);
    expect(valid.map((v) => v.index)).toEqual([1]);
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [0, "startTime"],
      [2, "externalId"],
    ]);
  });
});
