/**
 * Duration rule (METHODOLOGY.md s.2, s.4): reserved hours = disclosed > gpuHours / gpuCount >
 * predicted from tokens (k * N * tokens / (gpus * peak FLOPS * MFU)) > measured IT energy /
 * modelled cluster IT power.
 */
import { modelFlopsUtilization, modelFlopsUtilizationSource } from "../constants.js";
import { DISCLOSURE_MAXIMUMS, type RunDisclosure } from "../disclosure.js";
import { DisclosureValidationError, InsufficientDataError } from "../errors.js";
import { clusterItPowerWatts } from "../power.js";
import type { GpuSpec, ServerSpec } from "../reference.js";
import { hoursFromTokens } from "../time.js";
import { DISCLOSED, imputed, type ProvenanceRecord } from "./shared.js";
import type { Workload } from "./workload.js";

const timeFromTokensSource = new Map<GpuSpec, string>();
function timeFromTokensSourceOf(gpu: GpuSpec): string {
  let source = timeFromTokensSource.get(gpu);
  if (source === undefined) {
    source = `METHODOLOGY.md s.4: k * N * tokens / (gpus * ${gpu.peakTflops16Dense} TFLOPS * MFU ${modelFlopsUtilization.value}); ${modelFlopsUtilizationSource}`;
    timeFromTokensSource.set(gpu, source);
  }
  return source;
}

/**
 * Reserved hours of a run that discloses its GPU-hours: gpuHours / gpuCount (the GPUs disclosed,
 * or imputed: then the provenance says how many were assumed), rule "hours-of-gpu-hours".
 * @throws DisclosureValidationError ("gpuHours") when that is more than the storable hours.
 */
function hoursOfGpuHours(gpuHours: number, gpuCount: number, prov: ProvenanceRecord): number {
  const hours = gpuHours / gpuCount;
  if (!(hours <= DISCLOSURE_MAXIMUMS.reservedDurationHours)) {
    throw new DisclosureValidationError([
      {
        path: "gpuHours",
        message: `is ${Math.round(hours).toLocaleString("en-US")} hours on ${gpuCount} GPU(s), more than ${DISCLOSURE_MAXIMUMS.reservedDurationHours.toLocaleString("en-US")}; disclose gpuCount (the GPUs that shared these GPU-hours)`,
      },
    ]);
  }
  const gpus = prov.gpuCount?.status === "disclosed" ? "disclosed" : "imputed";
  prov.reservedDurationHours = imputed(
    "hours-of-gpu-hours",
    `gpuHours / gpuCount = ${gpuHours} / ${gpuCount} (${gpus} GPUs)`,
    hours,
  );
  return hours;
}

/** The cluster the run held (counts are whole-cluster totals). */
export interface Cluster {
  gpu: GpuSpec;
  server: ServerSpec;
  gpuCount: number;
  serverCount: number;
  cpuCount: number;
}

/**
 * Reserved (not active) time of the cluster, hours.
 * @throws InsufficientDataError("baseModelParameterCount") when time must come from tokens and
 *   the parameter count is unknown; InsufficientDataError("reservedDurationHours") when no
 *   duration, no tokens and no measured energy are disclosed, or when a CPU-only run (0 GPUs)
 *   discloses only tokens; DisclosureValidationError ("gpuHours") when gpuHours / gpuCount is
 *   more than the storable hours.
 */
export function resolveDuration(
  d: RunDisclosure,
  cluster: Cluster,
  workload: Workload,
  prov: ProvenanceRecord,
): number {
  if (d.reservedDurationHours !== undefined) {
    prov.reservedDurationHours = DISCLOSED;
    return d.reservedDurationHours;
  }
  if (d.gpuHours !== undefined) return hoursOfGpuHours(d.gpuHours, cluster.gpuCount, prov);
  if (d.tokensIncludingPadding !== undefined) {
    if (cluster.gpuCount === 0) {
      throw new InsufficientDataError(
        "reservedDurationHours",
        "gpuCount 0 (CPU only): time cannot be predicted from tokens (the method models GPU throughput); disclose reservedDurationHours or measuredEnergyKwh",
      );
    }
    if (workload.parameterCount === null) {
      throw new InsufficientDataError(
        "baseModelParameterCount",
        `needed to predict time from tokens, and "${d.baseModel}" is not a known base model; disclose baseModelParameterCount or reservedDurationHours`,
      );
    }
    const hours = hoursFromTokens({
      tokensIncludingPadding: d.tokensIncludingPadding,
      parameterCount: workload.parameterCount,
      fineTuningMethod: workload.fineTuningMethod,
      gpuCount: cluster.gpuCount,
      peakTflops16Dense: cluster.gpu.peakTflops16Dense,
      modelFlopsUtilization: modelFlopsUtilization.value,
    });
    if (!(hours <= DISCLOSURE_MAXIMUMS.reservedDurationHours)) {
      throw new DisclosureValidationError([
        {
          path: "tokensIncludingPadding",
          message: `predicts ${Math.round(hours).toLocaleString("en-US")} hours on ${cluster.gpuCount} GPU(s), more than ${DISCLOSURE_MAXIMUMS.reservedDurationHours.toLocaleString("en-US")}; check tokens, parameters and GPU count, or disclose reservedDurationHours`,
        },
      ]);
    }
    prov.reservedDurationHours = imputed(
      "time-from-tokens",
      timeFromTokensSourceOf(cluster.gpu),
      hours,
    );
    return hours;
  }
  if (d.measuredEnergyKwh !== undefined) {
    const watts = clusterItPowerWatts({ ...cluster, ...workload });
    const hours = (d.measuredEnergyKwh * 1000) / watts;
    if (!(hours <= DISCLOSURE_MAXIMUMS.reservedDurationHours)) {
      throw new DisclosureValidationError([
        {
          path: "measuredEnergyKwh",
          message: `implies ${Math.round(hours).toLocaleString("en-US")} hours at the modelled cluster power, more than ${DISCLOSURE_MAXIMUMS.reservedDurationHours.toLocaleString("en-US")}; disclose reservedDurationHours`,
        },
      ]);
    }
    prov.reservedDurationHours = imputed(
      "time-from-measured-energy",
      "measured IT energy / modelled cluster IT power (METHODOLOGY.md s.3)",
      hours,
    );
    return hours;
  }
  throw new InsufficientDataError(
    "reservedDurationHours",
    "cannot estimate: disclose reservedDurationHours, tokensIncludingPadding (with a known base model) or measuredEnergyKwh",
  );
}
