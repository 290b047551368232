export * from "./common.js";
export * from "./load.js";
