/**
 * Normalization of a run disclosure (METHODOLOGY.md s.2; Scope3 fine_tuning.mdx table): every
 * missing field is filled by a named rule, and `provenance[field]` says whether the value was
 * disclosed or imputed (rule, source, value). One module per rule group under `normalize/`.
 *
 * Order matters: location -> year -> hardware -> cluster size -> PUE/WUE -> workload ->
 * duration -> start time -> usage.
 *
 * Errors:
 * - `UnknownReferenceError` for an unknown gpuModel, serverModel, cloudRegion, gridZone,
 *   countryCode, managedService (the field is named).
 * - `InsufficientDataError` when no duration, no tokens and no measured energy are disclosed;
 *   when time must be predicted from tokens but the parameter count is unknown; when the start
 *   time is missing and the base model's publish date is unknown.
 */
import type { RunDisclosure } from "./disclosure.js";
import { gpusOfMeasuredPower, resolveGpuCount, resolveServerCount } from "./normalize/cluster.js";
import { resolveDuration } from "./normalize/duration.js";
import { resolvePue, resolveWue } from "./normalize/facility.js";
import { findDisclosedServer, resolveGpu, resolveServer } from "./normalize/hardware.js";
import { resolveLocation, resolveManagedService } from "./normalize/location.js";
import { DISCLOSED, type ProvenanceRecord } from "./normalize/shared.js";
import { disclosedStart, resolveStartTimeUtc, resolveYear } from "./normalize/start.js";
import {
  applyInputProvenance,
  markPassThrough,
  resolveInferencesPerDay,
  resolveUseLifeDays,
} from "./normalize/usage.js";
import { resolveWorkload } from "./normalize/workload.js";
import { findBaseModel } from "./reference.js";
import type { NormalizedRun, OrganizationSettings } from "./types.js";

/** Options of `normalizeDisclosure`. */
export interface NormalizeOptions {
  /** Organization-level PUE / WUE overrides (used when the disclosure has none). */
  organization?: OrganizationSettings;
}

/**
 * Fill every missing field of a validated disclosure (see module doc for rules and errors).
 * @returns the completed inputs with `provenance` for every disclosure field.
 */
export function normalizeDisclosure(d: RunDisclosure, options?: NormalizeOptions): NormalizedRun {
  const prov: ProvenanceRecord = { baseModel: DISCLOSED };
  const org = options?.organization;
  const method = d.method ?? "finetrace";
  const service = resolveManagedService(d, prov);
  const location = resolveLocation(d, service, prov);
  const baseModel = findBaseModel(d.baseModel);
  const start = disclosedStart(d);
  const year = resolveYear(d, start, baseModel);
  const disclosedServer = findDisclosedServer(d);
  const gpu = resolveGpu(d, service, disclosedServer, year, prov);
  const server = resolveServer(disclosedServer, service, gpu, prov);
  const measured = gpusOfMeasuredPower(d, service, gpu, server);
  const serverCount = resolveServerCount(d, service, server, measured, prov);
  const gpuCount = resolveGpuCount(d, service, server, serverCount, measured, prov);
  const cpuCount = serverCount * server.cpuSockets;
  const pue = resolvePue(d, method, org, location, server, prov);
  const wueLitersPerKwh = resolveWue(d, org, location, server, prov);
  const workload = resolveWorkload(d, baseModel, prov, gpuCount === 0);
  const cluster = { gpu, server, gpuCount, serverCount, cpuCount };
  const reservedDurationHours = resolveDuration(d, cluster, workload, prov);
  const startTimeUtc = resolveStartTimeUtc(start, baseModel, reservedDurationHours, gpu, prov);
  const useLifeDays = resolveUseLifeDays(d, prov);
  const inferencesPerDay = resolveInferencesPerDay(d, prov);
  markPassThrough(d, prov);
  applyInputProvenance(d, prov);

  return {
    baseModel: d.baseModel,
    baseModelParameterCount: workload.parameterCount,
    fineTuningMethod: workload.fineTuningMethod,
    method,
    startTimeUtc,
    reservedDurationHours,
    gpuUtilizationFraction: workload.gpuUtilizationFraction,
    cpuUtilizationFraction: workload.cpuUtilizationFraction,
    tokensIncludingPadding: d.tokensIncludingPadding ?? null,
    measuredEnergyKwh: d.measuredEnergyKwh ?? null,
    managedService: service?.id ?? null,
    cloudProvider: location.cloudProvider,
    cloudRegion: location.cloudRegion?.region ?? null,
    gridZone: location.gridZone,
    countryCode: location.countryCode,
    gpuModel: gpu.id,
    serverModel: server.id,
    gpuCount,
    serverCount,
    cpuCount,
    pue,
    wueLitersPerKwh,
    ewifLitersPerKwh: location.country.ewifLitersPerKwh,
    useLifeDays,
    inferencesPerDay,
    chainId: d.chainId ?? null,
    provenance: prov,
  };
}
