/**
 * Cluster-size rules (METHODOLOGY.md s.2): servers (disclosed, raised to hold the GPUs on a
 * multi-GPU default class, s.3a > managed-service instance >
 * ceil(GPUs / GPUs per server) > 1 server, Scope3 fine_tuning.mdx) and GPUs (disclosed > the
 * "N x" count written in gpuModel (CodeCarbon / NVML, rule "gpu-count-from-model-name") >
 * gpuHours / reservedDurationHours (rule "gpus-of-gpu-hours") >
 * managed-service instance > a measured run's mean power over one GPU's (rule
 * "gpus-of-measured-power") > servers x GPUs per server). CPU sockets follow the server model.
 * A CPU-only run (gpuCount 0, s.3a) holds 1 server unless it discloses more.
 * The host's share of those servers (1 of 8 GPUs pays 1/8) is applied in power.ts (s.3a).
 */
import { defaultCpuUtilizationFraction, defaultGpuUtilizationFraction } from "../constants.js";
import type { RunDisclosure } from "../disclosure.js";
import { DisclosureValidationError } from "../errors.js";
import type { CountGroup } from "../gpu-names.js";
import { clusterItPowerWatts } from "../power.js";
import type { GpuSpec, ManagedService, ServerSpec } from "../reference.js";
import { gpuCountInName } from "./hardware.js";
import { constant, DISCLOSED, imputed, type ProvenanceRecord, perRow } from "./shared.js";

const serviceGpuCount = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.gpuCount),
);
const serviceServerCount = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.serverCount),
);
const gpusOfOneServer = perRow((s: ServerSpec) =>
  imputed(
    "gpus-of-servers",
    `1 x ${s.gpusPerServer} GPUs per ${s.name} (${s.source.configuration})`,
    s.gpusPerServer,
  ),
);
const ONE_SERVER = constant(
  "cluster-one-server",
  "Scope3 fine_tuning.mdx: assume 1 server for fine-tuning",
  1,
);

const CPU_ONLY_ONE_SERVER = constant(
  "cpu-only-one-server",
  "METHODOLOGY.md s.3a: a CPU-only run (gpuCount 0) holds 1 server",
  1,
);

/**
 * GPUs that a measured run's mean IT power implies (rule "gpus-of-measured-power",
 * METHODOLOGY.md s.2), or null when the rule does not apply: it applies when measuredEnergyKwh
 * and reservedDurationHours are disclosed and nothing else counts the GPUs (no gpuCount, no
 * serverCount, no count in gpuModel, no managed service) on a GPU server.
 *
 *   P_mean [W] = 1000 x measuredEnergyKwh / reservedDurationHours
 *   P_1 [W]    = the power model (s.3, s.3a) for 1 GPU and its host share (1 / GPUs per server)
 *                at the disclosed utilizations, else the defaults (47 % GPU, 12 % CPU)
 *   count      = max(1, round(P_mean / P_1))
 *
 * The model is linear in GPUs at a fixed host share per GPU, so n GPUs draw n x P_1. E.g.
 * 0.25 kWh in 1 h on A100 SXM4 80 GB (8 per HPE Apollo 6500 Gen10 Plus): P_mean 250 W, P_1 250.5 W
 * -> 1 GPU, where the servers x GPUs per server rule gave 8 (and 8 GPUs' embodied emissions).
 */
export function gpusOfMeasuredPower(
  d: RunDisclosure,
  service: ManagedService | undefined,
  gpu: GpuSpec,
  server: ServerSpec,
): { count: number; source: string } | null {
  const energyKwh = d.measuredEnergyKwh;
  const hours = d.reservedDurationHours;
  if (energyKwh === undefined || hours === undefined) return null;
  if (d.gpuCount !== undefined || d.serverCount !== undefined || service) return null;
  if (server.gpusPerServer === 0 || gpuCountInName(d) !== null) return null;
  if (d.gpuHours !== undefined) return null; // gpusOfGpuHours counts them
  const gpuUtilizationFraction = d.gpuUtilizationFraction ?? defaultGpuUtilizationFraction;
  const cpuUtilizationFraction = d.cpuUtilizationFraction ?? defaultCpuUtilizationFraction;
  const oneGpuWatts = clusterItPowerWatts({
    gpu,
    server,
    gpuCount: 1,
    serverCount: 1,
    cpuCount: server.cpuSockets,
    gpuUtilizationFraction,
    cpuUtilizationFraction,
  });
  const meanWatts = (1000 * energyKwh) / hours;
  const count = Math.max(1, Math.round(meanWatts / oneGpuWatts));
  const shown = (x: number) => Number(x.toPrecision(4));
  const source =
    `measured mean IT power ${meanWatts.toFixed(0)} W (${energyKwh} kWh / ${shown(hours)} h) over ` +
    `${oneGpuWatts.toFixed(0)} W per GPU (${gpu.name} at ${gpuUtilizationFraction} utilization ` +
    `and 1/${server.gpusPerServer} of the ${server.name} host, METHODOLOGY.md s.3a), rounded, at least 1`;
  return { count, source };
}

/**
 * GPUs of a run that discloses gpuHours and reservedDurationHours but no gpuCount (and no count
 * in gpuModel): gpuHours / hours, rounded, at least 1 (rule "gpus-of-gpu-hours"); else null.
 */
export function gpusOfGpuHours(d: RunDisclosure): { count: number; source: string } | null {
  const { gpuHours, reservedDurationHours: hours } = d;
  if (gpuHours === undefined || hours === undefined || d.gpuCount !== undefined) return null;
  if (gpuCountInName(d) !== null) return null;
  const count = Math.max(1, Math.round(gpuHours / hours));
  return { count, source: `gpuHours / reservedDurationHours = ${gpuHours} / ${hours}, rounded` };
}

/**
 * Servers in the cluster (count); `measured`: the GPUs of `gpusOfMeasuredPower` (or null).
 */
export function resolveServerCount(
  d: RunDisclosure,
  service: ManagedService | undefined,
  server: ServerSpec,
  measured: { count: number } | null,
  prov: ProvenanceRecord,
): number {
  const gpus =
    d.gpuCount ?? gpuCountInName(d)?.count ?? gpusOfGpuHours(d)?.count ?? measured?.count ?? null;
  if (d.serverCount !== undefined) {
    return disclosedServerCount(d, d.serverCount, gpus, service, server, prov);
  }
  if (service) {
    prov.serverCount = serviceServerCount(service);
    return service.serverCount;
  }
  if (gpus === 0 || server.gpusPerServer === 0) {
    prov.serverCount = CPU_ONLY_ONE_SERVER;
    return 1;
  }
  if (gpus !== null) {
    const serverCount = Math.ceil(gpus / server.gpusPerServer);
    prov.serverCount = imputed(
      "servers-from-gpus",
      `ceil(gpuCount / ${server.gpusPerServer} GPUs per ${server.name})`,
      serverCount,
    );
    return serverCount;
  }
  prov.serverCount = ONE_SERVER;
  return 1;
}

/**
 * A disclosed serverCount, unless its servers cannot hold the run's GPUs. The slots of a
 * multi-GPU server class (2 or more GPUs per server: the data-center classes) are a capacity; a
 * one-GPU desktop or laptop class is a reference configuration (a desktop may hold 2 to 4 GPUs,
 * METHODOLOGY.md s.3a), so it is never raised. When the server was disclosed or is a managed
 * service's instance, the counts contradict it: rejected. When it is the GPU's default class
 * (whose slots are an assumption), the servers become ceil(gpus / slots) (rule
 * "servers-hold-gpus"): charging the host of fewer servers than can hold the GPUs would
 * under-count it (64 GPUs "on 1 server" paid 1 host, not 8).
 * @throws DisclosureValidationError ("serverCount") when a disclosed or managed-service server
 *   model cannot hold the GPUs on the disclosed servers.
 */
function disclosedServerCount(
  d: RunDisclosure,
  serverCount: number,
  gpus: number | null,
  service: ManagedService | undefined,
  server: ServerSpec,
  prov: ProvenanceRecord,
): number {
  const slots = server.gpusPerServer;
  const needed = gpus !== null && slots >= 2 ? Math.ceil(gpus / slots) : 0;
  if (needed <= serverCount) {
    prov.serverCount = DISCLOSED;
    return serverCount;
  }
  const holds = `${serverCount} x ${server.name} hold ${serverCount * slots} GPUs (${slots} each)`;
  if (d.serverModel !== undefined || service) {
    throw new DisclosureValidationError([
      {
        path: "serverCount",
        message: `${holds}, fewer than the ${gpus} GPUs: give the servers that held them (at least ${needed}), or leave serverCount out`,
      },
    ]);
  }
  prov.serverCount = imputed(
    "servers-hold-gpus",
    `${serverCount} disclosed, but ${holds}, fewer than the ${gpus} GPUs: ceil(${gpus} / ${slots}) = ${needed} servers of the GPU's default class (METHODOLOGY.md s.3a)`,
    needed,
  );
  return needed;
}

/**
 * A TPU slice or rack name ("GB200 NVL72") with a different disclosed count: the count may mean
 * slices (racks) or chips, and either reading can be 4x (72x) off, so the user is asked to say
 * chips.
 * @throws DisclosureValidationError naming `gpuCount`.
 */
function rejectSliceCount(d: RunDisclosure, count: number, group: CountGroup): never {
  const per = group.name === "rack" ? "rack" : "slice";
  throw new DisclosureValidationError([
    {
      path: "gpuCount",
      message: `${d.gpuCount} does not match ${group.name} "${d.gpuModel}" (${count} ${group.unit}): give the number of ${group.unit} (${count} per ${per}), or leave gpuCount out`,
    },
  ]);
}

/**
 * GPUs in the cluster (count); `serverCount` from `resolveServerCount`, `measured` from
 * `gpusOfMeasuredPower`.
 * @throws DisclosureValidationError ("gpuCount") when a TPU slice or rack name and gpuCount disagree.
 */
export function resolveGpuCount(
  d: RunDisclosure,
  service: ManagedService | undefined,
  server: ServerSpec,
  serverCount: number,
  measured: { count: number; source: string } | null,
  prov: ProvenanceRecord,
): number {
  const inName = gpuCountInName(d);
  if (d.gpuCount !== undefined) {
    if (inName?.group && d.gpuCount !== inName.count) {
      rejectSliceCount(d, inName.count, inName.group);
    }
    prov.gpuCount = DISCLOSED;
    return d.gpuCount;
  }
  if (inName !== null) {
    prov.gpuCount = imputed("gpu-count-from-model-name", inName.source, inName.count);
    return inName.count;
  }
  const fromGpuHours = gpusOfGpuHours(d);
  if (fromGpuHours !== null) {
    prov.gpuCount = imputed("gpus-of-gpu-hours", fromGpuHours.source, fromGpuHours.count);
    return fromGpuHours.count;
  }
  if (service && d.serverCount === undefined) {
    prov.gpuCount = serviceGpuCount(service);
    return service.gpuCount;
  }
  if (measured !== null) {
    prov.gpuCount = imputed("gpus-of-measured-power", measured.source, measured.count);
    return measured.count;
  }
  const gpuCount = serverCount * server.gpusPerServer;
  prov.gpuCount =
    serverCount === 1
      ? gpusOfOneServer(server)
      : imputed(
          "gpus-of-servers",
          `${serverCount} x ${server.gpusPerServer} GPUs per ${server.name} (${server.source.configuration})`,
          gpuCount,
        );
  return gpuCount;
}
