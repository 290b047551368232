/**
 * `finetrace serve`: the GraphQL API (with the dashboard at /) and the worker in one process,
 * for small installs. Production runs them separately (`npm start -w apps/api`, `npm start -w
 * apps/worker`) so each scales on its own; every worker shares the same Redis and Postgres.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startApiServer } from "@finetrace/api";
import { apiEnvSchema, loadConfig, workerEnvSchema } from "@finetrace/config";
import { startWorker } from "@finetrace/worker";
import type { Io } from "../program.js";

/** The dashboard's build in this checkout: `npm ci` builds it (root postinstall, ADR 0070). */
export const defaultDashboardDir = fileURLToPath(
  new URL("../../../dashboard/dist/", import.meta.url),
);

/**
 * API_DASHBOARD_DIR for the composition roots: the variable when set, else this checkout's
 * build when it exists (else none, with a warning on `io.err`).
 */
export function withDashboardDir(env: NodeJS.ProcessEnv, io: Pick<Io, "err">): NodeJS.ProcessEnv {
  if (env.API_DASHBOARD_DIR) return env;
  if (existsSync(join(defaultDashboardDir, "index.html"))) {
    return { ...env, API_DASHBOARD_DIR: defaultDashboardDir };
  }
  io.err(
    `finetrace: no dashboard build in ${defaultDashboardDir} (run \`npm run build -w apps/dashboard\`); serving the API only`,
  );
  return env;
}

/** http://host:port/ of the dashboard, from the API's /graphql URL; null when none is served. */
export function dashboardUrl(graphqlUrl: string, env: NodeJS.ProcessEnv): string | null {
  return env.API_DASHBOARD_DIR ? new URL("/", graphqlUrl).toString() : null;
}

export async function serveCommand(io: Io): Promise<void> {
  const env = withDashboardDir(process.env, io);
  const api = await startApiServer(loadConfig(apiEnvSchema, env));
  const worker = await startWorker(loadConfig(workerEnvSchema));
  const dashboard = dashboardUrl(api.url, env);
  io.err(
    `finetrace: GraphQL API on ${api.url}${dashboard ? `, dashboard on ${dashboard}` : ""}, worker running; Ctrl+C to stop`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  io.err("finetrace: stopping (the worker finishes its active jobs first)");
  await worker.close();
  await api.close();
}
