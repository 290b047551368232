/**
 * Per-request DataLoaders: one query per kind per tick, always filtered by the caller's
 * organization, so a foreign id resolves to null (NOT_FOUND) and never to another tenant's row.
 */
import type { Estimate, FineTuneRun, PrismaClient } from "@finetrace/db";
import DataLoader from "dataloader";
import type { OrganizationModel } from "./mappers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (ids of runs, estimates, keys, reports). */
export const isUuid = (s: string): boolean => UUID.test(s);

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

export interface ReportContent {
  csv: string | null;
  html: string | null;
  pdf: Uint8Array | null;
}

export function createLoaders(prisma: PrismaClient, organizationId: string) {
  let organization: Promise<OrganizationModel> | undefined;
  return {
    /** The caller's organization (one query per request at most). */
    organization(): Promise<OrganizationModel> {
      organization ??= prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
      return organization;
    },
    runById: new DataLoader<string, FineTuneRun | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length
        ? await prisma.fineTuneRun.findMany({ where: { organizationId, id: { in: valid } } })
        : [];
      return byId(ids, rows);
    }),
    /**
     * A run's current estimate (the row with `isCurrent`, at most one per run: unique index
     * `Estimate_one_current_per_run`), or null before its first estimate.
     */
    currentEstimateByRunId: new DataLoader<string, Estimate | null>(async (runIds) => {
      const rows = await prisma.estimate.findMany({
        where: { organizationId, isCurrent: true, runId: { in: runIds.filter(isUuid) } },
      });
      const byRun = new Map(rows.map((r) => [r.runId, r]));
      return runIds.map((id) => byRun.get(id) ?? null);
    }),
    /** Every estimate of a run, newest first. */
    estimatesByRunId: new DataLoader<string, Estimate[]>(async (runIds) => {
      const rows = await prisma.estimate.findMany({
        where: { organizationId, runId: { in: runIds.filter(isUuid) } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      const groups = new Map<string, Estimate[]>();
      for (const r of rows) {
        const list = groups.get(r.runId) ?? [];
        list.push(r);
        groups.set(r.runId, list);
      }
      return runIds.map((id) => groups.get(id) ?? []);
    }),
    /**
     * Provenance documents by content hash (Estimate.provenanceHash). Not filtered by
     * organization: a document is keyed by its content and reached only through an estimate the
     * caller may read.
     */
    provenanceByHash: new DataLoader<string, unknown>(async (hashes) => {
      const rows = await prisma.provenanceDocument.findMany({
        where: { hash: { in: [...hashes] } },
      });
      const map = new Map(rows.map((r) => [r.hash, r.document]));
      return hashes.map((h) => map.get(h) ?? null);
    }),
    /** CSV / HTML / PDF renderings, loaded only when a client selects them. */
    reportContentById: new DataLoader<string, ReportContent | null>(async (ids) => {
      const rows = await prisma.report.findMany({
        where: { organizationId, id: { in: ids.filter(isUuid) } },
        select: { id: true, csv: true, html: true, pdf: true },
      });
      return byId(ids, rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
