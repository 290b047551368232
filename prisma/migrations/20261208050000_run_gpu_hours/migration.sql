-- GPU-hours of a run as model cards and papers publish compute (GPUs x reserved hours), null when
-- not disclosed (packages/estimator disclosure.ts `gpuHours`). No index: read with the run,
-- never filtered on, and run updates stay HOT (docs/adr/0021-lean-estimate-write-path.md).
ALTER TABLE "FineTuneRun" ADD COLUMN "gpuHours" DOUBLE PRECISION;
