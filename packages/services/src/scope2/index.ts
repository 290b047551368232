export * from "./compute.js";
export * from "./month-summary.js";
