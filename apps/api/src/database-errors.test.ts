/**
 * isDatabaseUnavailable on the error shapes measured from pg 8 and Prisma 7 with
 * @prisma/adapter-pg (pg_terminate_backend mid-query, refused port, ...); the end-to-end
 * behaviour is in connection-loss.int.test.ts.
 */
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-errors.js";

/** Shape of a PrismaClientKnownRequestError carrying a driver-adapter error. */
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error(`Invalid invocation: ${code}`), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

const pgError = (code: string, message: string) =>
  Object.assign(new Error(message), { name: "error", code, severity: "FATAL" });

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    syscall: "connect",
    errno: -111,
  });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "pg: backend terminated (57P01)",
      pgError("57P01", "terminating connection due to administrator command"),
    ],
    ["pg: starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["pg: too many connections (53300)", pgError("53300", "sorry, too many clients already")],
    ["pg: connection failure (08006)", pgError("08006", "connection failure")],
    ["Node: refused", socketError("ECONNREFUSED")],
    ["Node: reset", socketError("ECONNRESET")],
    ["Node: broken pipe", socketError("EPIPE")],
    ["Node: AggregateError of refusals", new AggregateError([socketError("ECONNREFUSED")], "")],
    ["pg: socket closed without a message", new Error("Connection terminated unexpectedly")],
    ["pg-pool: connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "Prisma P2010 wrapping 57P01",
      prismaError("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01" }),
    ],
    [
      "Prisma P2039 wrapping 57P01",
      prismaError("P2039", { kind: "postgres", code: "57P01", originalCode: "57P01" }),
    ],
    ["Prisma P1001 can't reach", prismaError("P1001", { kind: "DatabaseNotReachable" })],
    ["Prisma P1017 closed", prismaError("P1017", { kind: "ConnectionClosed" })],
    ["Prisma P2037 too many connections", prismaError("P2037", { kind: "TooManyConnections" })],
    [
      "a GraphQL-wrapped resolver error",
      new GraphQLError("x", { originalError: pgError("57P01", "terminating connection") }),
    ],
    ["an error's cause", new Error("query failed", { cause: socketError("ETIMEDOUT") })],
  ])("recognises %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    ["a syntax error", pgError("42601", 'syntax error at or near "SELEC"')],
    ["a statement timeout", pgError("57014", "canceling statement due to statement timeout")],
    [
      "a raw query failure on a constraint",
      prismaError("P2010", { kind: "postgres", code: "23514", originalCode: "23514" }),
    ],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("does not take %s for a lost connection", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on a cycle of causes", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
