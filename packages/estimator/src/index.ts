export * from "./disclosure.js";
export * from "./errors.js";
export type * from "./types.js";
