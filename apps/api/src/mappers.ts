/**
 * Parent types of the GraphQL object types (codegen `mappers`): resolvers receive Prisma rows and
 * convert units/types (Decimal -> Float, BigInt -> SafeInt) field by field.
 */
import type {
  ApiKey,
  ApiKeyPrincipal,
  Estimate,
  FineTuneRun,
  GridZone,
  Organization,
  Report,
} from "@finetrace/db";

export type OrganizationModel = Organization;
export type ApiKeyModel = ApiKey;
/** `viewer`: the authenticated key as the auth context holds it. */
export type ViewerModel = ApiKeyPrincipal;
export type RunModel = FineTuneRun;
export type EstimateModel = Estimate;
export type GridZoneModel = GridZone;
/** Report rows are listed without their renderings; `csv`, `html` and `pdf` load on demand. */
export type ReportModel = Omit<Report, "csv" | "html" | "pdf">;
