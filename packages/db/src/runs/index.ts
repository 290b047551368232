export * from "./upsert.js";
