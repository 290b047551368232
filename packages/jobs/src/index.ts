export * from "./enqueue.js";
export * from "./job-options.js";
export * from "./payloads.js";
export * from "./queue-names.js";
export * from "./queues.js";
