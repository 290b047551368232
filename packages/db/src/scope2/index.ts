export * from "./inputs.js";
export * from "./summary.js";
