export * from "./disclosure-columns.js";
export * from "./upsert.js";
