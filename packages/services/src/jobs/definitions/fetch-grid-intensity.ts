/**
 * Job `fetch-grid-intensity` (one scheduler per configured zone; off by default): pull the last
 * 24 hours of a zone from the Electricity Maps API and load them like a CSV file
 * (`fetchGridIntensity`). The next scheduled pull covers the same 24 h window, so a few quick
 * retries suffice.
 */
import { defineJob, type JobContext, retriedWithBackoff } from "@finetrace/jobs";
import { z } from "zod";
import { fetchGridIntensity } from "../../grid/fetch-grid-intensity.js";
import type { JobDeps } from "../deps.js";

export const fetchGridIntensityPayload = z
  .object({
    /** Electricity Maps zone id, e.g. "DE" or "US-CAL-CISO". */
    zone: z
      .string()
      .regex(
        /^[A-Z]{2}(-[A-Z0-9]+)*$/,
        "must be an Electricity Maps zone id such as DE or US-CAL-CISO",
      ),
  })
  .strict();
export type FetchGridIntensityPayload = z.infer<typeof fetchGridIntensityPayload>;

const SCHEDULER_PREFIX = "fetch-grid-intensity-";

export const fetchGridIntensityJob = defineJob({
  name: "fetch-grid-intensity",
  payload: fetchGridIntensityPayload,
  options: retriedWithBackoff(3, 30_000),
  schedules: {
    prefix: SCHEDULER_PREFIX,
    wanted: (env: JobDeps["env"]) =>
      (env.WORKER_FETCH_GRID_INTENSITY ? env.WORKER_FETCH_GRID_INTENSITY_ZONES : []).map(
        (zone) => ({
          id: `${SCHEDULER_PREFIX}${zone}`,
          repeat: { every: env.WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES * 60_000 },
          data: { zone },
        }),
      ),
  },
  handle: async (payload, { deps, log }: JobContext<JobDeps>) => {
    const token = deps.env.ELECTRICITYMAPS_API_TOKEN;
    if (!token) throw new Error("ELECTRICITYMAPS_API_TOKEN: is required to fetch grid intensity");
    const summary = await fetchGridIntensity(deps, {
      baseUrl: deps.env.ELECTRICITYMAPS_API_URL,
      token,
      zone: payload.zone,
    });
    log.info({ zone: payload.zone, ...summary, files: undefined }, "grid intensity fetched");
    return summary;
  },
});
