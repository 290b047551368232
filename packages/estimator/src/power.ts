/**
 * Cluster IT power (METHODOLOGY.md s.3; Scope3 cluster.mdx made explicit):
 *
 *   P_IT [W] = servers * P_server_idle_exGPU
 *            + gpus * (P_gpu_idle + u_gpu * (TDP_gpu - P_gpu_idle))
 *            + cpus * TDP_cpu * u_cpu
 *            + servers * memoryGb * P_memory_per_GB
 *
 * The GPU term is Cloud Carbon Footprint's `min + u * (max - min)`. Memory power is constant
 * while the cluster is held (Green Algorithms: 0.3725 W/GB).
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

/** Average IT power of the cluster while reserved, W. Pure; never negative for valid inputs. */
export function clusterItPowerWatts(p: PowerInputs): number {
  const gpuWatts =
    p.gpu.idlePowerWatts + p.gpuUtilizationFraction * (p.gpu.tdpWatts - p.gpu.idlePowerWatts);
  return (
    p.serverCount * (p.server.idlePowerExGpuWatts + p.server.memoryGb * memoryWattsPerGb) +
    p.gpuCount * gpuWatts +
    p.cpuCount * p.server.cpuTdpWatts * p.cpuUtilizationFraction
  );
}
