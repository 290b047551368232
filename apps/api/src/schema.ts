/**
 * The executable schema: SDL from src/schema/*.graphql, scalars from graphql-scalars, resolvers
 * per domain (typed by GraphQL Code Generator from the same SDL).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLScalarType } from "graphql";
import {
  DateTimeResolver,
  JSONResolver,
  LocalDateResolver,
  NonNegativeIntResolver,
  SafeIntResolver,
  TimeZoneResolver,
} from "graphql-scalars";
import type { Resolvers } from "./generated/graphql.js";
import { emissionsResolvers } from "./resolvers/emissions.js";
import { gridResolvers } from "./resolvers/grid.js";
import { organizationResolvers } from "./resolvers/organization.js";
import { reportResolvers } from "./resolvers/reports.js";
import { runResolvers } from "./resolvers/runs.js";
import { scope2Resolvers } from "./resolvers/scope2.js";
import { usageResolvers } from "./resolvers/usage.js";

export const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");

/** The SDL files, in name order. */
export function loadTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(path.join(schemaDir, f), "utf8"));
}

/**
 * A graphql-scalars scalar without its own description: makeExecutableSchema copies every
 * property of a scalar resolver over the SDL's type, so the library's text would replace the
 * SDL's description (base.graphql), which says how Finetrace uses the scalar.
 */
function withSdlDescription(scalar: GraphQLScalarType): GraphQLScalarType {
  const { description: _library, ...config } = scalar.toConfig();
  return config as unknown as GraphQLScalarType;
}

const scalarResolvers: Resolvers = {
  DateTime: withSdlDescription(DateTimeResolver),
  JSON: withSdlDescription(JSONResolver),
  LocalDate: withSdlDescription(LocalDateResolver),
  NonNegativeInt: withSdlDescription(NonNegativeIntResolver),
  SafeInt: withSdlDescription(SafeIntResolver),
  TimeZone: withSdlDescription(TimeZoneResolver),
};

export const resolvers: Resolvers[] = [
  scalarResolvers,
  organizationResolvers,
  runResolvers,
  emissionsResolvers,
  gridResolvers,
  reportResolvers,
  scope2Resolvers,
  usageResolvers,
];

export function buildSchema() {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: "error" },
  });
}
