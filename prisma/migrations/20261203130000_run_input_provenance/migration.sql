-- The submitter's own derivations of disclosed fields (a CodeCarbon reader mapping a region to a
-- grid zone, a local timestamp to UTC): [{ "field", "rule", "source" }], null when none. The
-- estimator reports those fields as imputed with that rule (packages/estimator disclosure.ts
-- `inputProvenance`). No index: the column is read with the run and never filtered on, and run
-- updates stay HOT (docs/adr/0021-lean-estimate-write-path.md).
ALTER TABLE "FineTuneRun" ADD COLUMN "inputProvenance" JSONB;
