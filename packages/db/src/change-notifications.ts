/**
 * Changes pushed by Postgres NOTIFY, whichever client made them (API, CLI, SQL, the worker):
 * - `finetrace_principal_change`: triggers on ApiKey (revokedAt, role, organizationId,
 *   hashedKey, delete) and Organization (reportingTimezone, delete), payload
 *   `key:<id>` / `organization:<id>` (migration 20261202050000_principal_change_notify);
 * - `finetrace_rollup_change`: sent by every writer of EmissionsRollup (`notifyRollupChange`),
 *   one notification per organization whose rollup rows it changed, payload `<organization id>`.
 * The API's principal cache and emissions cache listen here (docs/adr/0083-principal-cache.md,
 * 0084-emissions-cache.md).
 */
import pg from "pg";

/** The NOTIFY channel of the ApiKey / Organization triggers. */
export const PRINCIPAL_CHANGE_CHANNEL = "finetrace_principal_change";
/** The NOTIFY channel of the rollup writers (`notifyRollupChange`). */
export const ROLLUP_CHANGE_CHANNEL = "finetrace_rollup_change";

/** One change: an API key's id, or an organization's id (every key of it is affected). */
export interface PrincipalChange {
  kind: "key" | "organization";
  id: string;
}

/** `'key:<uuid>'` / `'organization:<uuid>'` -> a change; null for any other payload. */
export function parsePrincipalChange(payload: string | undefined): PrincipalChange | null {
  const match = /^(key|organization):([0-9a-f-]{36})$/i.exec(payload ?? "");
  if (!match) return null;
  return { kind: match[1] as PrincipalChange["kind"], id: (match[2] as string).toLowerCase() };
}

/** A rollup change's organization id, or null for any other payload. */
export function parseRollupChange(payload: string | undefined): string | null {
  return /^[0-9a-f-]{36}$/i.test(payload ?? "") ? (payload as string).toLowerCase() : null;
}

export interface ChangeHandlers {
  onPrincipalChange(change: PrincipalChange): void;
  /** The rollup rows of `organizationId` changed (committed). */
  onRollupChange(organizationId: string): void;
  /** LISTEN is in effect (first connection and every reconnection): changes arrive from now. */
  onListening(): void;
  /** The listening connection failed or ended: changes may be missed until onListening. */
  onLost(error: Error): void;
}

export interface ChangeListener {
  /** Stop listening and close the connection (idempotent). */
  close(): Promise<void>;
}

/** First and longest wait before reconnecting a lost listening connection, ms. */
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 30_000;

/**
 * LISTEN on the primary at `databaseUrl` (NOTIFY is not delivered on a standby), reconnecting
 * with exponential backoff (0.25 s doubling to 30 s) whenever the connection is lost. Never
 * throws: a failed connection is reported through `onLost` and retried.
 */
export function listenForChanges(databaseUrl: string, handlers: ChangeHandlers): ChangeListener {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  /** Stop reacting to `c` and close it (a late error from it is ignored). */
  const discard = (c: pg.Client) => {
    c.removeAllListeners();
    c.on("error", () => undefined);
    return c.end().catch(() => undefined);
  };

  /** `c` failed: report once, drop it, and reconnect after the backoff. */
  const lost = (c: pg.Client, error: Error) => {
    if (closed || client !== c) return;
    client = undefined;
    void discard(c);
    handlers.onLost(error);
    timer = setTimeout(connect, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on("error", (e) => lost(c, e));
    c.on("end", () => lost(c, new Error("change-notification listener connection ended")));
    c.on("notification", (message) => {
      if (message.channel === PRINCIPAL_CHANGE_CHANNEL) {
        const change = parsePrincipalChange(message.payload);
        if (change) handlers.onPrincipalChange(change);
      } else if (message.channel === ROLLUP_CHANGE_CHANNEL) {
        const organizationId = parseRollupChange(message.payload);
        if (organizationId) handlers.onRollupChange(organizationId);
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PRINCIPAL_CHANGE_CHANNEL}; LISTEN ${ROLLUP_CHANGE_CHANNEL}`);
    } catch (e) {
      lost(c, e as Error);
      return;
    }
    if (closed || client !== c) return;
    retryMs = RETRY_MIN_MS;
    handlers.onListening();
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      if (c) await discard(c);
    },
  };
}
