/**
 * Changes to what an API key may do, pushed by Postgres: triggers on ApiKey (revokedAt, role,
 * organizationId, hashedKey, delete) and Organization (reportingTimezone, delete) NOTIFY channel
 * `finetrace_principal_change` (migration 20261202050000_principal_change_notify), whichever
 * client made the change (API, CLI, SQL). The API's principal cache listens here
 * (docs/adr/0083-principal-cache.md).
 */
import pg from "pg";

/** The NOTIFY channel the triggers use. */
export const PRINCIPAL_CHANGE_CHANNEL = "finetrace_principal_change";

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

export interface PrincipalChangeHandlers {
  onChange(change: PrincipalChange): void;
  /** LISTEN is in effect (first connection and every reconnection): changes arrive from now. */
  onListening(): void;
  /** The listening connection failed or ended: changes may be missed until onListening. */
  onLost(error: Error): void;
}

export interface PrincipalChangeListener {
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
export function listenForPrincipalChanges(
  databaseUrl: string,
  handlers: PrincipalChangeHandlers,
): PrincipalChangeListener {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  /** `c` failed: report once, drop it, and reconnect after the backoff. */
  const lost = (c: pg.Client, error: Error) => {
    if (closed || client !== c) return;
    client = undefined;
    c.removeAllListeners();
    c.on("error", () => undefined);
    c.end().catch(() => undefined);
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
    c.on("end", () => lost(c, new Error("principal-change listener connection ended")));
    c.on("notification", (message) => {
      const change = parsePrincipalChange(message.payload);
      if (message.channel === PRINCIPAL_CHANGE_CHANNEL && change) handlers.onChange(change);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PRINCIPAL_CHANGE_CHANNEL}`);
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
      c?.removeAllListeners();
      c?.on("error", () => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}
