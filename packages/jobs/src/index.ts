export * from "./define.js";
export * from "./queues.js";
export * from "./retention.js";
