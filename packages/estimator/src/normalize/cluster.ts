/**
 * Cluster-size rules (METHODOLOGY.md s.2): servers (disclosed > managed-service instance >
 * ceil(GPUs / GPUs per server) > 1 server, Scope3 fine_tuning.mdx) and GPUs (disclosed > the
 * "N x" count written in gpuModel (CodeCarbon / NVML, rule "gpu-count-from-model-name") >
 * managed-service instance > servers x GPUs per server). CPU sockets follow the server model.
 * A CPU-only run (gpuCount 0, s.3a) holds 1 server unless it discloses more.
 * The host's share of those servers (1 of 8 GPUs pays 1/8) is applied in power.ts (s.3a).
 */
import type { RunDisclosure } from "../disclosure.js";
import { DisclosureValidationError } from "../errors.js";
import type { ManagedService, ServerSpec } from "../reference.js";
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

/** Servers in the cluster (count). */
export function resolveServerCount(
  d: RunDisclosure,
  service: ManagedService | undefined,
  server: ServerSpec,
  prov: ProvenanceRecord,
): number {
  if (d.serverCount !== undefined) {
    prov.serverCount = DISCLOSED;
    return d.serverCount;
  }
  if (service) {
    prov.serverCount = serviceServerCount(service);
    return service.serverCount;
  }
  const gpus = d.gpuCount ?? gpuCountInName(d)?.count ?? null;
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
 * A TPU slice name with a different disclosed count: the count may mean slices or chips, and
 * either reading can be 4x off, so the user is asked to say chips.
 * @throws DisclosureValidationError naming `gpuCount`.
 */
function rejectSliceCount(d: RunDisclosure, chips: number): never {
  throw new DisclosureValidationError([
    {
      path: "gpuCount",
      message: `${d.gpuCount} does not match TPU slice "${d.gpuModel}" (${chips} chips): give the number of chips (${chips} per slice), or leave gpuCount out`,
    },
  ]);
}

/**
 * GPUs in the cluster (count); `serverCount` from `resolveServerCount`.
 * @throws DisclosureValidationError ("gpuCount") when a TPU slice name and gpuCount disagree.
 */
export function resolveGpuCount(
  d: RunDisclosure,
  service: ManagedService | undefined,
  server: ServerSpec,
  serverCount: number,
  prov: ProvenanceRecord,
): number {
  const inName = gpuCountInName(d);
  if (d.gpuCount !== undefined) {
    if (inName?.slice && d.gpuCount !== inName.count) rejectSliceCount(d, inName.count);
    prov.gpuCount = DISCLOSED;
    return d.gpuCount;
  }
  if (inName !== null) {
    prov.gpuCount = imputed("gpu-count-from-model-name", inName.source, inName.count);
    return inName.count;
  }
  if (service && d.serverCount === undefined) {
    prov.gpuCount = serviceGpuCount(service);
    return service.gpuCount;
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
