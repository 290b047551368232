import { describe, expect, it } from "vitest";
import { commonEnvSchema } from "./common.js";
import { ConfigError, loadConfig } from "./load.js";

describe("loadConfig", () => {
  it("applies defaults for the local services", () => {
    const env = loadConfig(commonEnvSchema, {});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/finetrace");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("names the bad variable", () => {
    expect(() =>
      loadConfig(commonEnvSchema, { REDIS_URL: "not a url", LOG_LEVEL: "loud" }),
    ).toThrow(ConfigError);
    try {
      loadConfig(commonEnvSchema, { REDIS_URL: "not a url", LOG_LEVEL: "loud" });
    } catch (e) {
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(["LOG_LEVEL", "REDIS_URL"]);
    }
  });
});
