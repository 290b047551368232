-- CreateIndex
CREATE INDEX "FineTuneRun_organizationId_submittedAt_id_idx" ON "FineTuneRun"("organizationId", "submittedAt", "id");
