/**
 * Tells a lost or refused database connection (retryable: answer SERVICE_UNAVAILABLE) from every
 * other failure. Such errors reach the API in three shapes:
 * - from `pg` (the plain pool): a `DatabaseError` with the SQLSTATE in `code` (57P01 when the
 *   backend is terminated), a Node socket error (`code` ECONNREFUSED, ECONNRESET, ...; an
 *   `AggregateError` when every resolved address refused), or a plain `Error` whose message is
 *   pg's "Connection terminated unexpectedly" (socket closed without a FATAL message);
 * - from Prisma through `@prisma/adapter-pg`: a `PrismaClientKnownRequestError` whose `code` is
 *   P1001 (can't reach), P1002 (timed out), P1008 (socket timeout), P1017 (server closed the
 *   connection) or P2037 (too many connections), or P2010 / P2039 ("raw query failed" /
 *   "database error") wrapping the SQLSTATE in `meta.driverAdapterError.cause.originalCode`
 *   (measured: a backend terminated mid-query surfaces as P2010 with originalCode 57P01);
 * - wrapped by GraphQL (`originalError`) or by other errors (`cause`).
 */

/**
 * SQLSTATEs meaning "no usable connection": class 08 connection exceptions (08000, 08001
 * cannot establish, 08003 does not exist, 08004 rejected, 08006 failure), 57P01
 * admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, in recovery), 53300 too_many_connections.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const CONNECTION_SQLSTATES = new Set([
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** Node socket errors on the way to Postgres (refused, reset, broken pipe, timed out, no route). */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Prisma error codes of connection failures: P1001 can't reach, P1002 timed out, P1008 socket
 * timeout, P1017 server closed the connection, P2037 too many connections
 * (https://www.prisma.io/docs/orm/reference/error-reference).
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);

/** `@prisma/adapter-pg` error kinds behind those Prisma codes. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
]);

/**
 * Messages of pg / pg-pool errors that carry no code: the socket ended mid-query, the pool's
 * connectionTimeoutMillis elapsed, a client that already saw a connection error was reused.
 */
const CONNECTION_MESSAGES =
  /Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable/i;

/** How deep to follow `cause` / `originalError` / `errors` links (guards against cycles too). */
const MAX_LINKS = 8;

function codeIsConnectionClass(code: unknown): boolean {
  return (
    typeof code === "string" &&
    (CONNECTION_SQLSTATES.has(code) || SOCKET_CODES.has(code) || PRISMA_CODES.has(code))
  );
}

/** True when `error` (or an error it wraps) means the database connection was lost or refused. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < MAX_LINKS * 4) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (codeIsConnectionClass(e.code) || codeIsConnectionClass(e.originalCode)) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
    queue.push(e.cause, e.originalError, e.meta?.driverAdapterError);
    if (Array.isArray(e.errors)) queue.push(...e.errors.slice(0, MAX_LINKS));
  }
  return false;
}
