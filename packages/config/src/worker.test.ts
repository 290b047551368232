import { describe, expect, it } from "vitest";
import { type ConfigError, loadConfig } from "./load.js";
import { workerEnvSchema } from "./worker.js";

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(workerEnvSchema, env);
  } catch (e) {
    return (e as ConfigError).issues.map((i) => i.variable).sort();
  }
  return [];
}

describe("workerEnvSchema", () => {
  it("has working defaults with the fetcher off", () => {
    const env = loadConfig(workerEnvSchema, {});
    expect(env.WORKER_CONCURRENCY).toBe(2);
    expect(env.WORKER_ESTIMATE_BATCH_SIZE).toBe(5000);
    expect(env.WORKER_MONTHLY_REPORT_CRON).toBe("0 0 1 * *");
    expect(env.WORKER_MONTHLY_REPORT_TIMEZONE).toBe("UTC");
    expect(env.WORKER_FETCH_GRID_INTENSITY).toBe(false);
    expect(env.WORKER_FETCH_GRID_INTENSITY_ZONES).toEqual([]);
  });

  it("parses numbers, flags and the zone list", () => {
    const env = loadConfig(workerEnvSchema, {
      WORKER_CONCURRENCY: "4",
      WORKER_FETCH_GRID_INTENSITY: "true",
      WORKER_FETCH_GRID_INTENSITY_ZONES: " DE, FR ,,US-CAL-CISO",
      ELECTRICITYMAPS_API_TOKEN: "secret",
      WORKER_MONTHLY_REPORT_TIMEZONE: "Europe/Paris",
    });
    expect(env.WORKER_CONCURRENCY).toBe(4);
    expect(env.WORKER_FETCH_GRID_INTENSITY_ZONES).toEqual(["DE", "FR", "US-CAL-CISO"]);
  });

  it("names each bad variable", () => {
    expect(
      issuesOf({
        WORKER_CONCURRENCY: "0",
        WORKER_ESTIMATE_BATCH_SIZE: "many",
        WORKER_MONTHLY_REPORT_CRON: "monthly",
        WORKER_MONTHLY_REPORT_TIMEZONE: "Mars/Olympus",
      }),
    ).toEqual([
      "WORKER_CONCURRENCY",
      "WORKER_ESTIMATE_BATCH_SIZE",
      "WORKER_MONTHLY_REPORT_CRON",
      "WORKER_MONTHLY_REPORT_TIMEZONE",
    ]);
  });

  it("requires a token and zones when the fetcher is on", () => {
    expect(issuesOf({ WORKER_FETCH_GRID_INTENSITY: "on" })).toEqual([
      "ELECTRICITYMAPS_API_TOKEN",
      "WORKER_FETCH_GRID_INTENSITY_ZONES",
    ]);
  });

  it("takes an optional METRICS_TOKEN of at least 16 characters", () => {
    expect(loadConfig(workerEnvSchema, {}).METRICS_TOKEN).toBeUndefined();
    const token = "0123456789abcdef0123";
    expect(loadConfig(workerEnvSchema, { METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
    expect(issuesOf({ METRICS_TOKEN: "short" })).toEqual(["METRICS_TOKEN"]);
  });
});
