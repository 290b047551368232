/**
 * Exit codes of `finetrace` (documented in README "CLI reference"; scripts rely on them):
 * - 0 `ok`: the command did what it was asked;
 * - 1 `runtimeFailure`: a database, Redis, network or other runtime failure;
 * - 2 `usageError`: bad arguments, an unreadable or invalid input file, an unknown org/run.
 */
export const ExitCode = { ok: 0, runtimeFailure: 1, usageError: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One problem with one record of an input file. `index` is 0-based; `path` names the field. */
export interface RecordIssue {
  index: number;
  path: string;
  message: string;
}

/** The user's input cannot be used (exit code 2). `issues` name each record and field. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly issues: RecordIssue[] = [],
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** `record 4 gpuCount: must be an integer >= 0` (the 4th record, 1-based) */
export function formatIssue(issue: RecordIssue): string {
  return `record ${issue.index + 1}${issue.path ? ` ${issue.path}` : ""}: ${issue.message}`;
}
