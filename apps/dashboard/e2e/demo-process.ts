/**
 * `finetrace demo --serve --json` as a child process (the real CLI, API, worker and Postgres;
 * no import of apps/cli): resolves with its JSON summary once the demo data is loaded and the
 * API serves the dashboard.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../cli/bin/finetrace.js", import.meta.url));

export interface DemoSummary {
  graphqlUrl: string;
  dashboardUrl: string | null;
  apiKey: string;
  runs: { id: string; externalId: string }[];
}

export interface DemoProcess {
  summary: DemoSummary;
  stop(): Promise<void>;
}

export function startDemo(env: Record<string, string>, cwd: string): Promise<DemoProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, "demo", "--serve", "--json"], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      if (!stdout.trimEnd().endsWith("}")) return;
      try {
        resolve({ summary: JSON.parse(stdout) as DemoSummary, stop });
      } catch {
        // not the whole document yet
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`finetrace demo exited with ${code} before serving:\n${stderr}`)),
    );
  });
}
