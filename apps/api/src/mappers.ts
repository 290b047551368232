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
  ReportVersion,
} from "@finetrace/db";
import type { FigureChange, ReportDiff, RunChange } from "@finetrace/services";
import type { EmissionsResult } from "./generated/graphql.js";

export type OrganizationModel = Organization;
export type ApiKeyModel = ApiKey;
/** `viewer`: the authenticated key as the auth context holds it. */
export type ViewerModel = ApiKeyPrincipal;
export type RunModel = FineTuneRun;
export type EstimateModel = Estimate;
export type GridZoneModel = GridZone;
/** A report version without its renderings and estimate ids (they load on demand). */
export type ReportVersionModel = Omit<ReportVersion, "csv" | "html" | "pdf" | "estimateIds">;
/**
 * Report rows are listed without their renderings; `csv`, `html` and `pdf` load on demand.
 * `shown` is the version served (`report(period, version)`); absent: the newest, loaded on demand.
 */
export type ReportModel = Omit<Report, "csv" | "html" | "pdf"> & { shown?: ReportVersionModel };
export type ReportDiffModel = ReportDiff;
/** `emissions` without `scope2`, which is read only when selected (its own query). */
export type EmissionsResultModel = Omit<EmissionsResult, "scope2">;
export type ReportRunChangeModel = RunChange;
export type ReportFigureChangeModel = FigureChange;
export type ReportGridLoadModel = ReportDiff["gridLoads"][number];
