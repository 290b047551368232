/**
 * Workload rules (METHODOLOGY.md s.2, s.4): fine-tuning method (default full fine-tuning, the
 * conservative k = 6), base-model parameter count (disclosed > known base model), and GPU / CPU
 * utilization (disclosed > the seed's example values 47 % / 12 %).
 */
import {
  cpuOnlyUtilizationSource,
  defaultCpuOnlyUtilizationFraction,
  defaultCpuUtilizationFraction,
  defaultGpuUtilizationFraction,
  utilizationSource,
} from "../constants.js";
import type { FineTuningMethod, RunDisclosure } from "../disclosure.js";
import type { BaseModel } from "../reference.js";
import { constant, DISCLOSED, imputed, type ProvenanceRecord, perRow } from "./shared.js";

const parametersOfBaseModel = perRow((m: BaseModel) =>
  imputed("parameters-of-base-model", m.source, m.parameterCount),
);
const METHOD_FULL = constant(
  "method-full-fine-tuning",
  "METHODOLOGY.md s.4: k = 6 for full fine-tuning (the conservative choice)",
  "full",
);
const GPU_UTILIZATION = constant(
  "utilization-default",
  utilizationSource,
  defaultGpuUtilizationFraction,
);
const CPU_UTILIZATION = constant(
  "utilization-default",
  utilizationSource,
  defaultCpuUtilizationFraction,
);
const CPU_ONLY_UTILIZATION = constant(
  "utilization-default-cpu-only",
  cpuOnlyUtilizationSource,
  defaultCpuOnlyUtilizationFraction,
);
/** CPU utilization defaults with their provenance: a GPU job's host, a CPU-only run. */
const CPU_DEFAULT = { value: defaultCpuUtilizationFraction, provenance: CPU_UTILIZATION };
const CPU_ONLY_DEFAULT = {
  value: defaultCpuOnlyUtilizationFraction,
  provenance: CPU_ONLY_UTILIZATION,
};

/** Fine-tuning method, parameters (null when unknown) and utilization fractions (0..1). */
export interface Workload {
  fineTuningMethod: FineTuningMethod;
  parameterCount: number | null;
  gpuUtilizationFraction: number;
  cpuUtilizationFraction: number;
}

/** Workload of the run; `cpuOnly` (0 GPUs) sets the CPU utilization default to 1 (s.3a). */
export function resolveWorkload(
  d: RunDisclosure,
  baseModel: BaseModel | undefined,
  prov: ProvenanceRecord,
  cpuOnly: boolean,
): Workload {
  const fineTuningMethod = d.fineTuningMethod ?? "full";
  prov.fineTuningMethod = d.fineTuningMethod !== undefined ? DISCLOSED : METHOD_FULL;
  let parameterCount: number | null = null;
  if (d.baseModelParameterCount !== undefined) {
    parameterCount = d.baseModelParameterCount;
    prov.baseModelParameterCount = DISCLOSED;
  } else if (baseModel) {
    parameterCount = baseModel.parameterCount;
    prov.baseModelParameterCount = parametersOfBaseModel(baseModel);
  }
  const gpuUtilizationFraction = d.gpuUtilizationFraction ?? defaultGpuUtilizationFraction;
  prov.gpuUtilizationFraction =
    d.gpuUtilizationFraction !== undefined ? DISCLOSED : GPU_UTILIZATION;
  const cpuDefault = cpuOnly ? CPU_ONLY_DEFAULT : CPU_DEFAULT;
  const cpuUtilizationFraction = d.cpuUtilizationFraction ?? cpuDefault.value;
  prov.cpuUtilizationFraction =
    d.cpuUtilizationFraction !== undefined ? DISCLOSED : cpuDefault.provenance;
  return { fineTuningMethod, parameterCount, gpuUtilizationFraction, cpuUtilizationFraction };
}
