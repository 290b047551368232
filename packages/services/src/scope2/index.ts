export * from "./compute.js";
export * from "./instruments.js";
export * from "./month-summary.js";
