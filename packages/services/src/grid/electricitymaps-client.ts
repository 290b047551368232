/**
 * Electricity Maps API client for the hourly carbon intensity of the last 24 hours:
 * `GET {base}/v3/carbon-intensity/history?zone=Z&emissionFactorType=lifecycle|direct`, token in
 * the `auth-token` header (Electricity Maps API v3 documentation, "Carbon intensity - history").
 *
 * Response (documented format; validated with zod, unknown fields ignored):
 * ```json
 * { "zone": "DE",
 *   "history": [ { "zone": "DE", "carbonIntensity": 302, "datetime": "2019-05-21T00:00:00.000Z",
 *                  "updatedAt": "...", "createdAt": "...", "emissionFactorType": "lifecycle",
 *                  "isEstimated": false, "estimationMethod": null } ] }
 * ```
 * The table stores both signals per hour, so each zone takes two requests (life-cycle, direct),
 * plus a third for the hour's renewable and carbon-free shares:
 * `GET {base}/v3/power-breakdown/history?zone=Z` ("Power breakdown - history"), whose entries carry
 * `renewablePercentage` and `fossilFreePercentage` (0-100, null when unknown; Electricity Maps'
 * fossil-free share is the CFE% of its CSV files). That request may fail with 401/403/404 (a plan
 * without the power-breakdown signal): the hours are then stored without shares.
 */
import { z } from "zod";

const historyEntrySchema = z.object({
  zone: z.string(),
  /** gCO2e/kWh; null when Electricity Maps has no value for the hour. */
  carbonIntensity: z.number().nonnegative().nullable(),
  datetime: z.iso.datetime({ offset: true }),
  isEstimated: z.boolean().nullish(),
});

const percentage = z.number().min(0).max(100).nullish();

const breakdownResponseSchema = z.object({
  zone: z.string(),
  history: z.array(
    z.object({
      datetime: z.iso.datetime({ offset: true }),
      renewablePercentage: percentage,
      fossilFreePercentage: percentage,
    }),
  ),
});

const historyResponseSchema = z.object({
  zone: z.string(),
  history: z.array(historyEntrySchema),
});

/** One hour of one zone with both signals, gCO2e/kWh. */
export interface FetchedIntensityHour {
  zone: string;
  /** Hour start, UTC. */
  hourUtc: Date;
  lifecycleIntensityGPerKwh: number;
  directIntensityGPerKwh: number;
  isEstimated: boolean;
  /** Renewable share of the hour's consumption mix, 0-100; null when unknown. */
  renewablePercentage: number | null;
  /** Carbon-free (Electricity Maps "fossil-free") share, 0-100; null when unknown. */
  carbonFreePercentage: number | null;
}

/** A failed or malformed API answer; `status` is the HTTP status when there was one. */
export class ElectricityMapsApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ElectricityMapsApiError";
  }
}

export interface ElectricityMapsClientOptions {
  /** e.g. "https://api.electricitymap.org" (no trailing /v3). */
  baseUrl: string;
  token: string;
  /** Per-request timeout, ms (default 15 s). */
  timeoutMs?: number;
}

async function getJson<T>(
  options: ElectricityMapsClientOptions,
  url: URL,
  zone: string,
  label: string,
  schema: z.ZodType<T>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { "auth-token": options.token, accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new ElectricityMapsApiError(
      `GET ${url.pathname}?zone=${zone}: ${(error as Error).message}`,
    );
  }
  if (!response.ok) {
    const body = (await response.text()).slice(0, 200);
    throw new ElectricityMapsApiError(
      `GET ${url.pathname}?zone=${zone} (${label}): HTTP ${response.status} ${body}`,
      response.status,
    );
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ElectricityMapsApiError(
      `GET ${url.pathname}?zone=${zone} (${label}): unexpected response: ${issue?.path.join(".")}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

async function fetchHistory(
  options: ElectricityMapsClientOptions,
  zone: string,
  emissionFactorType: "lifecycle" | "direct",
) {
  const url = new URL("/v3/carbon-intensity/history", options.baseUrl);
  url.searchParams.set("zone", zone);
  url.searchParams.set("emissionFactorType", emissionFactorType);
  return (await getJson(options, url, zone, emissionFactorType, historyResponseSchema)).history;
}

/** Statuses of a plan without the power-breakdown signal: hours are kept without shares. */
const SIGNAL_NOT_AVAILABLE = new Set([401, 403, 404]);

/** Hour (ms) -> RE% / CFE% of the zone's last 24 hours; empty when the plan lacks the signal. */
async function fetchShares(options: ElectricityMapsClientOptions, zone: string) {
  const url = new URL("/v3/power-breakdown/history", options.baseUrl);
  url.searchParams.set("zone", zone);
  const shares = new Map<number, { renewable: number | null; carbonFree: number | null }>();
  try {
    const body = await getJson(options, url, zone, "power breakdown", breakdownResponseSchema);
    for (const e of body.history)
      shares.set(Date.parse(e.datetime), {
        renewable: e.renewablePercentage ?? null,
        carbonFree: e.fossilFreePercentage ?? null,
      });
  } catch (error) {
    const status = (error as ElectricityMapsApiError).status;
    if (!(status !== undefined && SIGNAL_NOT_AVAILABLE.has(status))) throw error;
  }
  return shares;
}

/**
 * The last 24 hours of `zone` with both signals and the RE% / CFE% shares. Hours missing either
 * intensity signal are left out (never stored as 0); a missing share is null.
 * @throws ElectricityMapsApiError on a network error, a non-2xx status or an unexpected body.
 */
export async function fetchRecentIntensity(
  options: ElectricityMapsClientOptions,
  zone: string,
): Promise<FetchedIntensityHour[]> {
  const [lifecycle, direct, shares] = await Promise.all([
    fetchHistory(options, zone, "lifecycle"),
    fetchHistory(options, zone, "direct"),
    fetchShares(options, zone),
  ]);
  const directByHour = new Map<number, number>();
  for (const entry of direct) {
    if (entry.carbonIntensity !== null) {
      directByHour.set(Date.parse(entry.datetime), entry.carbonIntensity);
    }
  }
  const hours: FetchedIntensityHour[] = [];
  for (const entry of lifecycle) {
    const ms = Date.parse(entry.datetime);
    const directValue = directByHour.get(ms);
    if (entry.carbonIntensity === null || directValue === undefined) continue;
    hours.push({
      zone,
      hourUtc: new Date(ms),
      lifecycleIntensityGPerKwh: entry.carbonIntensity,
      directIntensityGPerKwh: directValue,
      isEstimated: entry.isEstimated ?? false,
      renewablePercentage: shares.get(ms)?.renewable ?? null,
      carbonFreePercentage: shares.get(ms)?.carbonFree ?? null,
    });
  }
  return hours;
}
