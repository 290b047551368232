/**
 * Cluster IT power (METHODOLOGY.md s.3 and s.3a; Scope3 cluster.mdx made explicit):
 *
 *   share [0..1] = min(1, gpus / (servers * gpusPerServer)); 1 when gpus = 0   (hostShareFraction)
 *   P_IT [W] = share * ( servers * (P_server_idle_exGPU + memoryGb * P_memory_per_GB)
 *                      + cpus * TDP_cpu * u_cpu )
 *            + gpus * (P_gpu_idle + u_gpu * (TDP_gpu - P_gpu_idle))
 *
 * The GPU term is Cloud Carbon Footprint's `min + u * (max - min)`. Memory power is constant
 * while the cluster is held (Green Algorithms: 0.3725 W/GB). The host (idle, CPUs, memory) is
 * charged by the job's share of the servers' GPUs, as Boavizta allocates GPU servers per GPU
 * (boaviztapi 2.5.0, #571): 1 of 8 GPUs pays 1/8 of the host; a full server pays all of it.
 */
import { type GpuSpec, referenceData, type ServerSpec } from "./reference.js";

const memoryWattsPerGb = referenceData.memoryPowerWattsPerGb.value;

/** Inputs of the power model; counts are whole-cluster totals. */
export interface PowerInputs {
  gpu: GpuSpec;
  server: ServerSpec;
  gpuCount: number;
  serverCount: number;
  /** CPU sockets in the cluster. */
  cpuCount: number;
  gpuUtilizationFraction: number;
  cpuUtilizationFraction: number;
}

/**
 * Fraction of the held servers' host (idle, CPU, memory power; embodied emissions) charged to
 * the job: its GPUs over the servers' GPU slots, at most 1 (more GPUs than slots reach here only
 * on a one-GPU desktop class holding several GPUs, which is one machine; multi-GPU servers too
 * few for the GPUs are raised in normalization, rule "servers-hold-gpus"). E.g. 1 GPU of one
 * 8-GPU server -> 0.125; 8 of 8 -> 1. A
 * CPU-only run (0 GPUs, METHODOLOGY.md s.3a) holds its servers whole -> 1.
 */
export function hostShareFraction(
  gpuCount: number,
  serverCount: number,
  server: ServerSpec,
): number {
  const slots = serverCount * server.gpusPerServer;
  // a CPU-only run (0 GPUs, s.3a) holds its servers whole
  return slots > 0 && gpuCount > 0 ? Math.min(1, gpuCount / slots) : 1;
}

/** Average IT power of the cluster while reserved, W. Pure; never negative for valid inputs. */
export function clusterItPowerWatts(p: PowerInputs): number {
  const gpuWatts =
    p.gpu.idlePowerWatts + p.gpuUtilizationFraction * (p.gpu.tdpWatts - p.gpu.idlePowerWatts);
  const hostWatts =
    p.serverCount * (p.server.idlePowerExGpuWatts + p.server.memoryGb * memoryWattsPerGb) +
    p.cpuCount * p.server.cpuTdpWatts * p.cpuUtilizationFraction;
  return hostShareFraction(p.gpuCount, p.serverCount, p.server) * hostWatts + p.gpuCount * gpuWatts;
}
