/**
 * Fault-suite support: the API and the worker as real child processes (their production entry
 * points, `apps/api/src/main.ts` and `apps/worker/src/main.ts`), so a crash is an observable
 * process exit; an admin connection (to the `postgres` database) that kills the test database's
 * backends; GraphQL calls that retry what the API says is retryable.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Exit code or signal once it exited; null while running. */
  exited(): string | null;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawn `node --import tsx <entry>` with `env`; resolves once `ready(line)` matched a log line. */
export function startProcess(
  entry: "apps/api/src/main.ts" | "apps/worker/src/main.ts",
  env: Record<string, string>,
  ready: (line: string) => boolean,
): Promise<ServiceProcess & { firstLine: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exit: string | null = null;
  // FAULTS_LOG_DIR=<dir>: keep each process's log lines there (for a failing scenario).
  const logDir = process.env.FAULTS_LOG_DIR;
  if (logDir) {
    const log = createWriteStream(join(logDir, `${entry.split("/")[1]}-${child.pid}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  child.on("exit", (code, signal) => {
    exit = signal ?? String(code);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 60 s`)), 60_000);
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (;;) {
        const nl = buffer.indexOf("\n");
        if (nl < 0) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (ready(line)) {
          clearTimeout(timer);
          resolve({
            child,
            firstLine: line,
            exited: () => exit,
            stop: (signal = "SIGTERM") =>
              new Promise((done) => {
                if (exit !== null) return done();
                child.once("exit", () => done());
                child.kill(signal);
              }),
          });
        }
      }
    });
    child.stderr?.on("data", () => undefined);
    child.on("exit", () => reject(new Error(`${entry} exited before it was ready (${exit})`)));
  });
}

/** Start the API; returns its GraphQL URL (from its "listening" log line) and the process. */
export async function startApi(env: Record<string, string>) {
  const api = await startProcess("apps/api/src/main.ts", { ...env, LOG_LEVEL: "info" }, (l) =>
    l.includes("finetrace API listening"),
  );
  const url = (JSON.parse(api.firstLine) as { url: string }).url;
  return { ...api, url };
}

/** Start a worker process (ready once it logged "worker started"). */
export function startWorkerProcess(env: Record<string, string>) {
  return startProcess("apps/worker/src/main.ts", { ...env, LOG_LEVEL: "info" }, (l) =>
    l.includes("worker started"),
  );
}

/** Terminate every backend connected to `database` (not the admin's own). @returns how many. */
export async function killBackends(admin: pg.Pool, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
     FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows[0]?.n ?? 0;
}

export function adminPool(databaseUrl: string): pg.Pool {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on("error", () => undefined);
  return pool;
}

export interface GqlOutcome {
  status: number;
  codes: string[];
  data: unknown;
}

/** One GraphQL POST; network failures come back as status 0 with code "NETWORK". */
export async function gql(
  url: string,
  key: string,
  query: string,
  variables?: unknown,
): Promise<GqlOutcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      status: res.status,
      codes: (body.errors ?? []).map((e) => e.extensions?.code ?? "(none)"),
      data: body.data ?? null,
    };
  } catch {
    return { status: 0, codes: ["NETWORK"], data: null };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
