-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "latestVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "generatedAt" TIMESTAMPTZ(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "causes" TEXT[],
    "fingerprint" TEXT NOT NULL,
    "model" JSONB NOT NULL,
    "diff" JSONB,
    "estimateIds" UUID[],
    "csv" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,

    CONSTRAINT "ReportVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportVersion_organizationId_period_version_idx" ON "ReportVersion"("organizationId", "period", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_reportId_version_key" ON "ReportVersion"("reportId", "version");

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Versions are immutable: a restatement is a new row, never an edit (hand-added). The schema
-- engine splits a script at every semicolon, so the function body is a Unicode-escaped string
-- constant whose statement terminators are written \003B.
CREATE FUNCTION "report_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS
U&'BEGIN RAISE EXCEPTION ''ReportVersion rows are immutable: generate a new version instead'' USING ERRCODE = ''check_violation''\003B END'
;

CREATE TRIGGER "ReportVersion_immutable" BEFORE UPDATE ON "ReportVersion"
  FOR EACH ROW EXECUTE FUNCTION "report_version_immutable"();
