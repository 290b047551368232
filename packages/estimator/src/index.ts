export * from "./amortization.js";
export { type ChainMember, chainSuccessorStarts } from "./chain.js";
export * from "./constants.js";
export * from "./disclosure.js";
export * from "./errors.js";
export * from "./estimate.js";
export * from "./normalize.js";
export * from "./provenance.js";
export {
  type BaseModel,
  type CloudRegion,
  type Country,
  type GpuOfYear,
  type GpuSpec,
  type GridZone,
  type ManagedService,
  type ReferenceData,
  referenceData,
  type ServerSpec,
  type Sourced,
} from "./reference.js";
export * from "./scope2.js";
export * from "./strubell.js";
export type * from "./types.js";
