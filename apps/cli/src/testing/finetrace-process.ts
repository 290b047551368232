/**
 * Test support: run the real `finetrace` executable (apps/cli/bin/finetrace.js) as a child
 * process from the repository root, with the given environment, and collect its exit code and
 * output. Integration tests use it so they exercise the CLI exactly as users run it.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/finetrace.js", import.meta.url));
/** The repository root (commands are run from it, so relative example paths resolve). */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export interface FinetraceResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `finetrace <args>` with `env`; resolves when it exits (never rejects). */
export function runFinetrace(args: string[], env: NodeJS.ProcessEnv): Promise<FinetraceResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env, cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
