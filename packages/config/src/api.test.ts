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

  it("defaults the failed-authentication limit and leaves trust proxy and the metrics token unset", () => {
    const env = loadConfig(apiEnvSchema, {});
    expect(env.API_AUTH_FAILURE_LIMIT_POINTS).toBe(30);
    expect(env.API_AUTH_FAILURE_LIMIT_WINDOW_SECONDS).toBe(60);
    expect(env.API_TRUST_PROXY).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
  });

  it.each([
    ["true", true],
    ["FALSE", false],
    ["1", 1],
    ["loopback, 10.0.0.0/8", "loopback, 10.0.0.0/8"],
  ])("parses API_TRUST_PROXY=%s for Express", (value, expected) => {
    expect(loadConfig(apiEnvSchema, { API_TRUST_PROXY: value }).API_TRUST_PROXY).toEqual(expected);
  });

  it("parses API_CORS_ORIGINS to a list of origins or *, and names a malformed one", () => {
    expect(loadConfig(apiEnvSchema, {}).API_CORS_ORIGINS).toBeUndefined();
    expect(loadConfig(apiEnvSchema, { API_CORS_ORIGINS: "*" }).API_CORS_ORIGINS).toBe("*");
    const env = loadConfig(apiEnvSchema, {
      API_CORS_ORIGINS: "https://dash.example.com, http://localhost:5173",
    });
    expect(env.API_CORS_ORIGINS).toEqual(["https://dash.example.com", "http://localhost:5173"]);
    for (const bad of ["https://dash.example.com/", "dash.example.com", "ftp://x.example.com"]) {
      expect(() => loadConfig(apiEnvSchema, { API_CORS_ORIGINS: bad })).toThrow(
        /API_CORS_ORIGINS: ".*" is not an origin such as https:\/\/dash\.example\.com/,
      );
    }
  });

  it("rejects a METRICS_TOKEN shorter than 16 characters and a zero failure budget, by name", () => {
    try {
      loadConfig(apiEnvSchema, { METRICS_TOKEN: "secret", API_AUTH_FAILURE_LIMIT_POINTS: "0" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(["API_AUTH_FAILURE_LIMIT_POINTS", "METRICS_TOKEN"]);
      expect((e as ConfigError).message).toMatch(/METRICS_TOKEN: must be at least 16 characters/);
    }
  });
});
