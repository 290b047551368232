/**
 * Scope 2 over HTTP: instruments and residual-mix factors are recorded by admins only, bad input
 * is BAD_USER_INPUT naming the field, and `emissions` carries the market-based, renewable and shift
 * figures with their staleness (the recomputation is the `compute-scope2` job; here the use case
 * runs directly, as the worker would).
 */
import { insertEstimatedRuns } from "@finetrace/db/testing";
import { computeScope2 } from "@finetrace/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

const RECORD = `mutation ($i: [ContractualInstrumentInput!]!) {
  recordInstruments(instruments: $i) { id kind gridZone granularity energyMwh emissionFactorGPerKwh certificateId }
}`;
const go = (over: Record<string, unknown> = {}) => ({
  kind: "GO",
  gridZone: "FR",
  validFrom: "2024-07-01T00:00:00Z",
  validTo: "2024-08-01T00:00:00Z",
  energyMwh: "0.01",
  emissionFactorGPerKwh: "0",
  certificateId: "GO-FR-2024-07",
  ...over,
});
const EMISSIONS = `{ emissions(period: { from: "2024-07-01T00:00:00Z", to: "2024-08-01T00:00:00Z" }) {
  total { operationalCarbonKgCo2e marketBasedCarbonKgCo2e renewableEnergyMwh nonRenewableEnergyMwh
          carbonFreeEnergyShare shiftSavingKgCo2e shiftCoveredRuns shiftUncoveredRuns }
  scope2 { stale computedAt } } }`;

beforeAll(async () => {
  h = await startHarness();
  org = await h.createOrg("acme");
  // Two FR runs of 20 kWh, location-based 1 kg each (50 g/kWh); no hourly data in this database.
  await insertEstimatedRuns(h.pool, org.id, [
    {
      externalId: "a",
      startTimeUtc: "2024-07-10T10:00:00Z",
      gridZone: "FR",
      facilityEnergyKwh: "20",
      operationalCarbonKgCo2e: "1",
    },
    {
      externalId: "b",
      startTimeUtc: "2024-07-11T10:00:00Z",
      gridZone: "FR",
      facilityEnergyKwh: "20",
      operationalCarbonKgCo2e: "1",
    },
  ]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("Scope 2 over GraphQL", () => {
  it("lets only admins record instruments", async () => {
    const r = await gql(h.server.url, org.keys.ingest, RECORD, { i: [go()] });
    expect(r.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("rejects bad input naming the field", async () => {
    const r = await gql(h.server.url, org.keys.admin, RECORD, {
      i: [go(), go({ certificateId: "x", energyMwh: "abc" })],
    });
    expect(r.errors[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "instruments[1].energyMwh",
    });
    const zone = await gql(h.server.url, org.keys.admin, RECORD, { i: [go({ gridZone: "ZZ" })] });
    expect(zone.errors[0]?.extensions?.field).toBe("instruments[0].gridZone");
    const window = await gql(
      h.server.url,
      org.keys.admin,
      "mutation { setShiftWindowHours(hours: 99) }",
    );
    expect(window.errors[0]?.extensions?.field).toBe("windowHours");
    const list = await gql<{ instruments: unknown[] }>(
      h.server.url,
      org.keys.read,
      "{ instruments { id } }",
    );
    expect(list.data?.instruments).toEqual([]);
  });

  it("records instruments and residual-mix factors; emissions shows market-based figures once computed", async () => {
    const r = await gql<{ recordInstruments: Record<string, unknown>[] }>(
      h.server.url,
      org.keys.admin,
      RECORD,
      { i: [go()] },
    );
    expect(r.errors).toEqual([]);
    expect(r.data?.recordInstruments).toEqual([
      expect.objectContaining({
        kind: "GO",
        granularity: "MONTHLY",
        energyMwh: 0.01,
        certificateId: "GO-FR-2024-07",
      }),
    ]);
    const mix = await gql(
      h.server.url,
      org.keys.admin,
      `mutation { recordResidualMixFactors(factors: [{ gridZone: "FR", year: 2024, emissionFactorGPerKwh: "80", source: "AIB 2024" }]) { gridZone year emissionFactorGPerKwh } }`,
    );
    expect(mix.errors).toEqual([]);
    const before = await gql<{ emissions: { scope2: { stale: boolean } } }>(
      h.server.url,
      org.keys.read,
      EMISSIONS,
    );
    expect(before.data?.emissions.scope2.stale).toBe(true);
    await computeScope2(h.pool, org.id);
    // The API's answer cache drops the organization's entries when the rollup writers' NOTIFY
    // arrives, milliseconds after the commit (docs/adr/0084-emissions-cache.md): read again until
    // it has (at most 5 s), instead of racing it.
    const read = () =>
      gql<{ emissions: { total: Record<string, number>; scope2: { stale: boolean } } }>(
        h.server.url,
        org.keys.read,
        EMISSIONS,
      );
    let after = await read();
    for (let i = 0; i < 50 && !after.data?.emissions.total.marketBasedCarbonKgCo2e; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await read();
    }
    // Run a: 10 kWh of the GO (0.01 MWh) at 0 g + 10 kWh at 80 g = 0.8 kg; run b: 20 kWh x 80 g
    // = 1.6 kg. Market-based 2.4 kgCO2e, location-based 2. No hourly data: no renewable energy,
    // 0.04 MWh non-renewable, shift not covered for either run.
    expect(after.data?.emissions.scope2.stale).toBe(false);
    const t = after.data?.emissions.total ?? {};
    expect(t.operationalCarbonKgCo2e).toBeCloseTo(2, 9);
    expect(t.marketBasedCarbonKgCo2e).toBeCloseTo(2.4, 9);
    expect(t.renewableEnergyMwh).toBe(0);
    expect(t.nonRenewableEnergyMwh).toBeCloseTo(0.04, 12);
    expect([t.shiftCoveredRuns, t.shiftUncoveredRuns]).toEqual([0, 2]);
  });
});
