/**
 * Base models (data/base-models.json, scripts/curated.ts): the names users write for what they
 * fine-tune, each size's parameter count and release date, and the start time imputed from it.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { normalizeDisclosure } from "./normalize.js";
import { findBaseModel } from "./reference.js";

describe("base model names", () => {
  it.each([
    ["Llama 3.1 405B", "llama-3.1-405b", 405e9],
    ["meta-llama/Llama-3.1-70B-Instruct", "llama-3.1-70b", 70e9], // instruction-tuned release
    ["meta-llama/Llama-2-7b-chat-hf", "llama-2-7b", 7e9],
    ["google/gemma-2-9b-it", "gemma-2-9b", 9.24e9],
    ["Qwen2.5", "qwen2.5-0.5b", 0.49e9], // a family name: the smallest size
    ["Qwen/Qwen2.5-7B-Instruct", "qwen2.5-7b", 7.61e9],
    ["Llama 3.1", "llama-3.1-8b", 8e9], // unchanged by the new Llama 3.1 sizes
    ["bigscience/bloom", "bloom-176b", 176_247_271_424],
  ])("%s -> %s (%d parameters)", (name, id, parameters) => {
    expect(findBaseModel(name)).toMatchObject({ id, parameterCount: parameters });
  });

  it("keeps a decimal size apart from a whole one (OPT 1.3B is not OPT 13B)", () => {
    expect(findBaseModel("facebook/opt-1.3b")?.parameterCount).toBe(1.3e9);
    expect(findBaseModel("facebook/opt-13b")?.parameterCount).toBe(13e9);
    expect(findBaseModel("OPT 1.3B")?.id).toBe("opt-1.3b");
  });

  it("imputes a start from the release date, so a run on Llama 3.1 405B needs no startTime", () => {
    const run = normalizeDisclosure(
      parseDisclosure({
        baseModel: "meta-llama/Llama-3.1-405B",
        gpuModel: "H100 SXM5 80GB",
        gpuCount: 8,
        reservedDurationHours: 48,
      }),
    );
    // Meta Llama 3.1 card: released 2024-07-23; 2024-07-23T00:00Z - 48 h = 2024-07-21T00:00Z
    expect(run.startTimeUtc).toBe("2024-07-21T00:00:00.000Z");
    expect(run.provenance.startTime).toMatchObject({ rule: "publish-date-minus-duration" });
    expect(run.provenance.baseModelParameterCount).toMatchObject({ value: 405e9 });
  });
});

describe("code and vision base models from the papers", () => {
  it.each([
    ["StarCoderBase", "starcoder-15.5b", 15.5e9],
    ["bigcode/starcoder2-15b", "starcoder2-15b", 15e9],
    ["OPT-175B", "opt-175b", 175e9],
    ["ViT Huge", "vit-huge", 632e6],
  ])("%s -> %s (%d parameters)", (name, id, parameters) => {
    expect(findBaseModel(name)).toMatchObject({ id, parameterCount: parameters });
  });
});
