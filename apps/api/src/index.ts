export type { ApiEnv } from "@finetrace/config";
export type { ApiContext, ApiServices } from "./context.js";
export { type ApiServer, type ApiServerOptions, startApiServer } from "./server.js";
