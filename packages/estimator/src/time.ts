/**
 * Reserved time predicted from tokens (METHODOLOGY.md s.4):
 *
 *   FLOPs = k * N_params * tokens            (k: flopsPerParameterPerToken)
 *   hours = FLOPs / (gpus * peak_FLOPS * MFU) / 3600
 *
 * Tokens include padding (Wang et al. 2023: the best predictor of fine-tuning energy).
 */
import { flopsPerParameterPerToken } from "./constants.js";
import type { FineTuningMethod } from "./disclosure.js";

export interface TimeFromTokensInputs {
  tokensIncludingPadding: number;
  parameterCount: number;
  fineTuningMethod: FineTuningMethod;
  gpuCount: number;
  /** Peak dense FP16/BF16 throughput of one GPU, TFLOPS. */
  peakTflops16Dense: number;
  /** Model FLOPs utilization, 0..1. */
  modelFlopsUtilization: number;
}

/** Predicted hours of the run. */
export function hoursFromTokens(i: TimeFromTokensInputs): number {
  const flops =
    flopsPerParameterPerToken[i.fineTuningMethod] * i.parameterCount * i.tokensIncludingPadding;
  return flops / (i.gpuCount * i.peakTflops16Dense * 1e12 * i.modelFlopsUtilization) / 3600;
}
