/**
 * The signed-in session: the API key (sessionStorage only: gone when the tab closes, never in a
 * URL or a log), the organization's name and the key's role from `viewer`. Signing in checks the
 * key against the API first; a key that stops working (revoked, expired) signs the session out
 * with a message the sign-in page shows.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { Provider } from "urql";
import { createClient, isUnauthenticated } from "./client";
import { graphql } from "./generated";
import type { ApiKeyRole } from "./generated/graphql";

const STORAGE_KEY = "finetrace.apiKey";

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      role
      organization {
        name
        settings {
          reportingTimezone
        }
      }
    }
  }
`);

export interface Viewer {
  role: ApiKeyRole;
  organizationName: string;
}

interface SessionState {
  viewer: Viewer | null;
  /** Why the last session ended (shown on the sign-in page). */
  message: string | null;
  signIn(apiKey: string): Promise<string | null>;
  signOut(message?: string): void;
}

const SessionContext = createContext<SessionState | null>(null);

export const EXPIRED_MESSAGE =
  "Your API key is no longer valid (revoked or expired). Sign in with another key.";

/** Roles that may request report regeneration (the API's `requestReport` needs ingest). */
export function canRequestReports(role: ApiKeyRole): boolean {
  return role === "ingest" || role === "admin";
}

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const VIEWER_STORAGE_KEY = "finetrace.viewer";

function storedViewer(): Viewer | null {
  try {
    const text = sessionStorage.getItem(VIEWER_STORAGE_KEY);
    return text ? (JSON.parse(text) as Viewer) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState<string | null>(storedKey);
  const [viewer, setViewer] = useState<Viewer | null>(() => (storedKey() ? storedViewer() : null));
  const [message, setMessage] = useState<string | null>(null);

  const signOut = useCallback((why?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    sessionStorage.removeItem(VIEWER_STORAGE_KEY);
    setApiKey(null);
    setViewer(null);
    setMessage(why ?? null);
  }, []);

  const signIn = useCallback(async (candidate: string): Promise<string | null> => {
    const key = candidate.trim();
    if (key === "") return "Enter an API key.";
    const probe = createClient(key, () => undefined);
    const result = await probe
      .query(ViewerQuery, {}, { requestPolicy: "network-only" })
      .toPromise();
    if (result.error) {
      return isUnauthenticated(result.error)
        ? "This API key is not valid (unknown, revoked or expired)."
        : `Could not reach the API: ${result.error.message}`;
    }
    const v = result.data?.viewer;
    if (!v) return "The API returned no viewer.";
    const signedIn = { role: v.role, organizationName: v.organization.name };
    sessionStorage.setItem(STORAGE_KEY, key);
    sessionStorage.setItem(VIEWER_STORAGE_KEY, JSON.stringify(signedIn));
    setApiKey(key);
    setViewer(signedIn);
    setMessage(null);
    return null;
  }, []);

  const client = useMemo(
    () => (apiKey ? createClient(apiKey, () => signOut(EXPIRED_MESSAGE)) : null),
    [apiKey, signOut],
  );
  const state = useMemo(
    () => ({ viewer: client ? viewer : null, message, signIn, signOut }),
    [client, viewer, message, signIn, signOut],
  );
  return (
    <SessionContext.Provider value={state}>
      {client ? <Provider value={client}>{children}</Provider> : children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
