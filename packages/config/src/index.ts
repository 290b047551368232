export * from "./api.js";
export * from "./bearer.js";
export * from "./common.js";
export * from "./load.js";
export * from "./worker.js";
