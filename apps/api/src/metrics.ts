/**
 * Prometheus metrics (prom-client): process defaults, HTTP requests, GraphQL operations.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { RequestHandler } from "express";
import { Kind } from "graphql";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { ApiContext } from "./context.js";
import { isDatabaseUnavailable } from "./database-errors.js";

export interface ApiMetrics {
  registry: Registry;
  /** Express middleware counting requests and timing them by route and status. */
  httpMiddleware: RequestHandler;
  /** Apollo plugin timing operations by root field, type and outcome. */
  apolloPlugin: ApolloServerPlugin<ApiContext>;
}

/** Buckets in seconds, 1 ms .. 10 s, for API latencies. */
const LATENCY_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "finetrace_api_" });
  const httpDuration = new Histogram({
    name: "finetrace_api_http_request_duration_seconds",
    help: "HTTP request duration by route and status code.",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: "finetrace_api_graphql_operation_duration_seconds",
    help: "GraphQL operation duration by first root field, operation type and outcome.",
    labelNames: ["field", "type", "outcome"] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const operationErrors = new Counter({
    name: "finetrace_api_graphql_errors_total",
    help: "GraphQL errors by extensions.code.",
    labelNames: ["code"] as const,
    registers: [registry],
  });

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer({ method: req.method });
    res.on("finish", () => {
      // Known routes only, so arbitrary paths cannot blow up label cardinality.
      const path = req.originalUrl.split("?")[0] ?? "";
      const route = ["/graphql", "/healthz", "/metrics"].includes(path) ? path : "other";
      end({ route, status: String(res.statusCode) });
    });
    next();
  };

  const apolloPlugin: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      const end = operationDuration.startTimer();
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            // Lost database connections answer SERVICE_UNAVAILABLE (formatError): count them so.
            const code = isDatabaseUnavailable(unwrapResolverError(e))
              ? "SERVICE_UNAVAILABLE"
              : String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR");
            operationErrors.inc({ code });
          }
        },
        async willSendResponse({ operation, errors }) {
          // The root field (bounded by the schema), not the client-chosen operation name.
          const first = operation?.selectionSet.selections[0];
          end({
            field: first?.kind === Kind.FIELD ? first.name.value : "unknown",
            type: operation?.operation ?? "unknown",
            outcome: errors?.length ? "error" : "ok",
          });
        },
      };
    },
  };

  return { registry, httpMiddleware, apolloPlugin };
}
