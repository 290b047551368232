/**
 * The one transaction helper: check out a client, BEGIN (with the given mode), run `fn`, COMMIT;
 * ROLLBACK on any error; always release. While checked out the client has an `'error'`
 * listener, so a backend killed mid-transaction (pg_terminate_backend, a Postgres restart)
 * rejects the current query instead of crashing the process with an unhandled 'error' event;
 * a client that saw such an error is destroyed on release rather than returned to the pool.
 */
import type pg from "pg";

/** Transaction modes in use: read-write (default) or a consistent read-only snapshot. */
export type TransactionMode = "READ WRITE" | "REPEATABLE READ READ ONLY";

/** Run `fn` with a pooled client, without a transaction, with the same error safety. */
export async function withClient<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    return await fn(client);
  } finally {
    client.off("error", onError);
    client.release(broken ?? false);
  }
}

/**
 * Run `fn` inside one transaction.
 * @param options.mode "READ WRITE" (default) or "REPEATABLE READ READ ONLY" (reports: totals and
 *   breakdowns of one snapshot).
 * @param options.begin extra statements sent with BEGIN (e.g. `SET LOCAL TimeZone = 'UTC'`).
 * @returns what `fn` returns, once COMMIT succeeded.
 * @throws whatever `fn` or Postgres throws; the transaction is rolled back then.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: { mode?: TransactionMode; begin?: string } = {},
): Promise<T> {
  return withClient(pool, (client) => inTransaction(client, fn, options));
}

/**
 * The same on a client the caller already holds (e.g. a retry loop around one connection).
 * @throws whatever `fn` or Postgres throws; the transaction is rolled back then.
 */
export async function inTransaction<T>(
  client: pg.PoolClient,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: { mode?: TransactionMode; begin?: string } = {},
): Promise<T> {
  const mode =
    options.mode === "REPEATABLE READ READ ONLY"
      ? " ISOLATION LEVEL REPEATABLE READ READ ONLY"
      : "";
  await client.query(`BEGIN${mode}${options.begin ? `; ${options.begin}` : ""}`);
  try {
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
