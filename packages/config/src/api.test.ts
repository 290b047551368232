import { describe, expect, it } from "vitest";
import { apiEnvSchema } from "./api.js";
import { ConfigError, loadConfig } from "./load.js";

describe("apiEnvSchema", () => {
  it("applies the documented defaults and leaves introspection to the environment", () => {
    const env = loadConfig(apiEnvSchema, {});
    expect(env.API_PORT).toBe(4000);
    expect(env.API_MAX_BODY_BYTES).toBe(16 * 1024 * 1024);
    expect(env.API_MAX_DEPTH).toBe(10);
    expect(env.API_MAX_PAGE_SIZE).toBe(200);
    expect(env.API_INTROSPECTION).toBeUndefined();
    expect(env.GRID_INTENSITY_IMPORT_DIR).toBeUndefined();
  });

  it("parses flags and numbers from strings", () => {
    const env = loadConfig(apiEnvSchema, {
      API_PORT: "0",
      API_INTROSPECTION: "false",
      API_LANDING_PAGE: "on",
      API_RATE_LIMIT_POINTS: "5",
    });
    expect(env.API_PORT).toBe(0);
    expect(env.API_INTROSPECTION).toBe(false);
    expect(env.API_LANDING_PAGE).toBe(true);
    expect(env.API_RATE_LIMIT_POINTS).toBe(5);
  });

  it("names each bad variable", () => {
    try {
      loadConfig(apiEnvSchema, {
        API_PORT: "70000",
        API_INTROSPECTION: "maybe",
        API_MAX_DEPTH: "0",
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(["API_INTROSPECTION", "API_MAX_DEPTH", "API_PORT"]);
    }
  });
});
