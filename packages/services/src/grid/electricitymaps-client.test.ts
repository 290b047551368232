import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElectricityMapsApiError, fetchRecentIntensity } from "./electricitymaps-client.js";
import { toElectricityMapsCsv } from "./fetch-grid-intensity.js";

/** Responses in the documented /v3/carbon-intensity/history format. */
const HISTORY = {
  lifecycle: [
    { dt: "2024-07-06T16:00:00.000Z", v: 302, est: false },
    { dt: "2024-07-06T17:00:00.000Z", v: 298.5, est: true },
    { dt: "2024-07-06T18:00:00.000Z", v: null, est: false },
  ],
  direct: [
    { dt: "2024-07-06T16:00:00.000Z", v: 251, est: false },
    { dt: "2024-07-06T17:00:00.000Z", v: 247.25, est: true },
    { dt: "2024-07-06T18:00:00.000Z", v: 240, est: false },
  ],
};

const requests: IncomingMessage[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.headers["auth-token"] !== "test-token") {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"bad token"}');
      return;
    }
    if (url.pathname === "/v3/power-breakdown/history") {
      const zone = url.searchParams.get("zone") ?? "";
      if (zone === "SE") {
        res.writeHead(403).end('{"error":"signal not in plan"}');
        return;
      }
      const history = [
        {
          datetime: "2024-07-06T16:00:00.000Z",
          renewablePercentage: 41.5,
          fossilFreePercentage: 55,
        },
        {
          datetime: "2024-07-06T17:00:00.000Z",
          renewablePercentage: null,
          fossilFreePercentage: 60.25,
        },
      ];
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ zone, history }));
      return;
    }
    if (url.pathname !== "/v3/carbon-intensity/history") {
      res.writeHead(404).end();
      return;
    }
    const zone = url.searchParams.get("zone") ?? "";
    if (zone === "XX") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"zone":"XX"}');
      return;
    }
    const type = url.searchParams.get("emissionFactorType") === "direct" ? "direct" : "lifecycle";
    const body = {
      zone,
      history: HISTORY[type].map((h) => ({
        zone,
        carbonIntensity: h.v,
        datetime: h.dt,
        updatedAt: "2024-07-06T19:02:11.000Z",
        createdAt: "2024-07-03T16:05:00.000Z",
        emissionFactorType: type,
        isEstimated: h.est,
        estimationMethod: h.est ? "TIME_SLICER_AVERAGE" : null,
      })),
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("fetchRecentIntensity", () => {
  it("merges both signals per hour and leaves out hours missing one", async () => {
    const hours = await fetchRecentIntensity({ baseUrl, token: "test-token" }, "DE");
    expect(hours).toEqual([
      {
        zone: "DE",
        hourUtc: new Date("2024-07-06T16:00:00Z"),
        lifecycleIntensityGPerKwh: 302,
        directIntensityGPerKwh: 251,
        isEstimated: false,
        renewablePercentage: 41.5,
        carbonFreePercentage: 55,
      },
      {
        zone: "DE",
        hourUtc: new Date("2024-07-06T17:00:00Z"),
        lifecycleIntensityGPerKwh: 298.5,
        directIntensityGPerKwh: 247.25,
        isEstimated: true,
        renewablePercentage: null,
        carbonFreePercentage: 60.25,
      },
    ]);
    const last = requests.slice(-3).map((r) => new URL(r.url ?? "", "http://x"));
    expect(last.map((u) => `${u.pathname}${u.search}`).sort()).toEqual([
      "/v3/carbon-intensity/history?zone=DE&emissionFactorType=direct",
      "/v3/carbon-intensity/history?zone=DE&emissionFactorType=lifecycle",
      "/v3/power-breakdown/history?zone=DE",
    ]);
  });

  it("keeps the hours without shares when the plan lacks the power-breakdown signal (403)", async () => {
    const hours = await fetchRecentIntensity({ baseUrl, token: "test-token" }, "SE");
    expect(hours).toHaveLength(2);
    expect(hours.map((h) => [h.renewablePercentage, h.carbonFreePercentage])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("reports HTTP errors with their status", async () => {
    const error = await fetchRecentIntensity({ baseUrl, token: "wrong" }, "DE").catch((e) => e);
    expect(error).toBeInstanceOf(ElectricityMapsApiError);
    expect((error as ElectricityMapsApiError).status).toBe(401);
  });

  it("rejects a body without history", async () => {
    await expect(fetchRecentIntensity({ baseUrl, token: "test-token" }, "XX")).rejects.toThrow(
      /unexpected response: history/,
    );
  });
});

describe("toElectricityMapsCsv", () => {
  it("writes the hours in the Electricity Maps CSV layout", () => {
    const csv = toElectricityMapsCsv([
      {
        zone: "DE",
        hourUtc: new Date("2024-07-06T17:00:00Z"),
        lifecycleIntensityGPerKwh: 298.5,
        directIntensityGPerKwh: 247.25,
        isEstimated: true,
        renewablePercentage: 41.5,
        carbonFreePercentage: null,
      },
    ]);
    expect(csv).toBe(
      "Datetime (UTC),Zone id,Zone name,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Data estimated,Renewable energy percentage (RE%),Carbon-free energy percentage (CFE%)\n" +
        "2024-07-06T17:00:00.000Z,DE,DE,247.25,298.5,true,41.5,\n",
    );
  });
});
