/**
 * Hardware rules (METHODOLOGY.md s.2): GPU model (disclosed, resolved by `gpu-names.ts` >
 * managed-service instance > the server's GPU > most common GPU of the year) and server model
 * (disclosed > managed-service instance > the single-GPU host of a consumer / workstation /
 * laptop / SoC GPU (s.3a) > most common server for the GPU > the documented fallback server).
 * A measured run (measuredEnergyKwh given) never fails on an unknown GPU name: the catalogue entry
 * the name is a near-miss of (`closeGpuMatch`), else the year's GPU, stands in for embodied carbon
 * only (rule "gpu-unknown-measured-run").
 * A CPU-only run (gpuCount 0, s.3a) has `NO_ACCELERATOR` as its GPU and, without a disclosed
 * server, the reference CPU-only server (`referenceData.cpuOnlyServer`, rule "cpu-only-server").
 */
import type { RunDisclosure } from "../disclosure.js";
import { DisclosureValidationError, UnknownReferenceError } from "../errors.js";
import { type CountGroup, closeGpuMatch, lookupGpuName } from "../gpu-names.js";
import {
  findServer,
  type GpuSpec,
  getGpuById,
  getServerById,
  gpuOfYear,
  type ManagedService,
  NO_ACCELERATOR,
  NO_ACCELERATOR_ID,
  referenceData,
  type ServerSpec,
} from "../reference.js";
import type { Provenance } from "../types.js";
import { constant, DISCLOSED, imputed, type ProvenanceRecord, perRow } from "./shared.js";

const serviceGpu = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.gpuModel),
);
const serviceServer = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.serverModel),
);
const gpuOfServer = perRow((s: ServerSpec) =>
  imputed("gpu-of-server", s.source.configuration ?? s.name, s.defaultGpuModel),
);
const serverOfGpu = perRow((s: ServerSpec) =>
  imputed(
    "server-of-gpu",
    "METHODOLOGY.md s.2: most common server for the GPU (8-GPU HGX/DGX class)",
    s.id,
  ),
);
const serverFallback = perRow((s: ServerSpec) =>
  imputed(
    "server-fallback",
    `no server configuration for this GPU in the reference data: the reference server of METHODOLOGY.md s.5 (${s.name}, EC_server ${s.embodiedCarbonKgCo2e} kgCO2e) stands in`,
    s.id,
  ),
);
const singleGpuHost = perRow((s: ServerSpec) =>
  imputed(
    "single-gpu-host",
    `METHODOLOGY.md s.3a: a consumer, workstation, laptop or SoC GPU is its own single-GPU machine (${s.source.configuration})`,
    s.id,
  ),
);
const CPU_ONLY_RUN = constant(
  "cpu-only-run",
  "gpuCount 0: no accelerator, so every GPU term is 0 (METHODOLOGY.md s.3a)",
  NO_ACCELERATOR_ID,
);
const cpuOnlyServer = perRow((s: ServerSpec) =>
  imputed(
    "cpu-only-server",
    `METHODOLOGY.md s.3a: a CPU-only run without a disclosed server holds a whole reference CPU server (${s.source.configuration})`,
    s.id,
  ),
);
const gpuOfYearCache = new Map<number, { gpu: GpuSpec; provenance: Provenance }>();
function gpuForYear(year: number): { gpu: GpuSpec; provenance: Provenance } {
  let hit = gpuOfYearCache.get(year);
  if (!hit) {
    const row = gpuOfYear(year);
    const gpu = getGpuById(row.gpuModel) as GpuSpec;
    hit = { gpu, provenance: constant("gpu-of-year", `${row.source} (year ${year})`, gpu.id) };
    gpuOfYearCache.set(year, hit);
  }
  return hit;
}

/**
 * The disclosed server's reference row, or undefined when none is disclosed.
 * @throws UnknownReferenceError("serverModel") for an unknown server.
 */
export function findDisclosedServer(d: RunDisclosure): ServerSpec | undefined {
  if (d.serverModel === undefined) return undefined;
  const server = findServer(d.serverModel);
  if (!server)
    throw new UnknownReferenceError(
      "serverModel",
      d.serverModel,
      `known: ${referenceData.servers.map((s) => s.name).join(", ")}`,
    );
  return server;
}

/**
 * A disclosed CPU-only server (0 GPU slots) contradicts a named GPU or a GPU count > 0.
 * @throws DisclosureValidationError naming `gpuModel` and / or `gpuCount`.
 */
function rejectGpusOnCpuOnlyServer(d: RunDisclosure, server: ServerSpec): void {
  const issues = [];
  const why = `server "${server.name}" has no GPU`;
  if (d.gpuModel !== undefined)
    issues.push({ path: "gpuModel", message: `must be absent: ${why}` });
  if (d.gpuCount !== undefined && d.gpuCount > 0)
    issues.push({ path: "gpuCount", message: `must be 0: ${why}` });
  if (issues.length > 0) throw new DisclosureValidationError(issues);
}

/**
 * The GPU of the run (rules in the module doc).
 * @throws UnknownReferenceError("gpuModel") for an unknown GPU; DisclosureValidationError
 *   ("gpuModel" / "gpuCount") for GPUs on a disclosed CPU-only server.
 */
export function resolveGpu(
  d: RunDisclosure,
  service: ManagedService | undefined,
  server: ServerSpec | undefined,
  year: number,
  prov: ProvenanceRecord,
): GpuSpec {
  if (server?.gpusPerServer === 0) rejectGpusOnCpuOnlyServer(d, server);
  if (d.gpuCount === 0) {
    // the schema already rejects gpuModel and managedService with gpuCount 0
    prov.gpuModel = CPU_ONLY_RUN;
    return NO_ACCELERATOR;
  }
  if (d.gpuModel !== undefined) {
    const r = lookupGpuName(d.gpuModel);
    if (r.ok) {
      prov.gpuModel = r.provenance;
      return r.gpu;
    }
    if (d.measuredEnergyKwh === undefined)
      throw new UnknownReferenceError("gpuModel", d.gpuModel, `nearest: ${r.nearest.join("; ")}`);
    const close = closeGpuMatch(d.gpuModel);
    const standIn = close ?? gpuForYear(year).gpu;
    const why = close
      ? `${close.id}, the entry one or two edits from the name,`
      : `${standIn.id}, the most common GPU of ${year},`;
    prov.gpuModel = imputed(
      "gpu-unknown-measured-run",
      `GPU name not in the catalogue (nearest: ${r.nearest.join("; ")}); the energy is measured, so ${why} stands in for embodied carbon and water only`,
      d.gpuModel,
    );
    return standIn;
  }
  if (service) {
    prov.gpuModel = serviceGpu(service);
    return getGpuById(service.gpuModel) as GpuSpec;
  }
  if (server) {
    prov.gpuModel = gpuOfServer(server);
    return getGpuById(server.defaultGpuModel) as GpuSpec;
  }
  const hit = gpuForYear(year);
  prov.gpuModel = hit.provenance;
  return hit.gpu;
}

/** The server of the run: the disclosed one (`disclosed`), else imputed (module doc). */
export function resolveServer(
  disclosed: ServerSpec | undefined,
  service: ManagedService | undefined,
  gpu: GpuSpec,
  prov: ProvenanceRecord,
): ServerSpec {
  if (disclosed) {
    prov.serverModel = DISCLOSED;
    return disclosed;
  }
  if (service) {
    prov.serverModel = serviceServer(service);
    return getServerById(service.serverModel) as ServerSpec;
  }
  if (gpu === NO_ACCELERATOR) {
    const server = getServerById(referenceData.cpuOnlyServer) as ServerSpec;
    prov.serverModel = cpuOnlyServer(server);
    return server;
  }
  const host = referenceData.defaultServerByFormFactor[gpu.formFactor];
  if (host) {
    const server = getServerById(host) as ServerSpec;
    prov.serverModel = singleGpuHost(server);
    return server;
  }
  const mapped = referenceData.defaultServerByGpu[gpu.id];
  const server = getServerById(mapped ?? referenceData.fallbackServer) as ServerSpec;
  prov.serverModel = mapped ? serverOfGpu(server) : serverFallback(server);
  return server;
}

/**
 * The device count written in the disclosed gpuModel ("8 x NVIDIA H800"; the chips of a TPU slice
 * "TPU v3-8" or the GPUs of a rack "GB200 NVL72", with its `group`) and how it was read, else null.
 */
export function gpuCountInName(
  d: RunDisclosure,
): { count: number; source: string; group: CountGroup | null } | null {
  if (d.gpuModel === undefined) return null;
  const r = lookupGpuName(d.gpuModel);
  if (r.count === null) return null;
  const groupSource = r.ok ? r.countSource : undefined;
  const source =
    groupSource ?? `the "N x" device count of gpuModel "${d.gpuModel}" (CodeCarbon / NVML)`;
  return { count: r.count, source, group: (r.ok && r.countGroup) || null };
}
