/**
 * The urql client of a signed-in session: POSTs to /graphql (same origin; Vite proxies it in
 * development) with `Authorization: Bearer <key>`. The key travels only in that header, never
 * in a URL (POST, no GET queries) and is never logged. A response saying the key is not valid
 * (UNAUTHENTICATED, HTTP 401: revoked, expired or unknown) calls `onUnauthenticated`.
 */
import { Client, type CombinedError, cacheExchange, fetchExchange, mapExchange } from "urql";

/** True when the error says the key is not (or no longer) valid. */
export function isUnauthenticated(error: CombinedError): boolean {
  return (
    error.response?.status === 401 ||
    error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")
  );
}

export function createClient(apiKey: string, onUnauthenticated: () => void, url = "/graphql") {
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
