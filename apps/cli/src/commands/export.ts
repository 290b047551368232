/** `finetrace export hf-card <runId>`: a stored run's current estimate as model-card metadata. */
import { cliEnv, organizationBySlug, withPrisma } from "../context.js";
import { UsageError } from "../errors.js";
import { type HfCardInput, hfCardMetadata, hfCardYaml } from "../output/hf-card.js";
import type { Io } from "../program.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function exportHfCardCommand(
  io: Io,
  runRef: string,
  options: { org?: string; json?: boolean },
): Promise<void> {
  const card = await withPrisma(cliEnv(), async (prisma): Promise<HfCardInput> => {
    // The current estimate: the run's one estimate with isCurrent (Estimate_one_current_per_run).
    const include = { estimates: { where: { isCurrent: true } } } as const;
    if (!options.org && !uuid.test(runRef)) {
      throw new UsageError(
        `runId: "${runRef}" is not a run id (uuid); pass --org to look up an externalId`,
      );
    }
    const organizationId = options.org
      ? (await organizationBySlug(prisma, options.org)).id
      : undefined;
    const run = await prisma.fineTuneRun.findFirst({
      where: !organizationId
        ? { id: runRef }
        : uuid.test(runRef)
          ? { organizationId, OR: [{ id: runRef }, { externalId: runRef }] }
          : { organizationId, externalId: runRef },
      include,
    });
    if (!run) throw new UsageError(`runId: no run "${runRef}"`);
    const [estimate] = run.estimates;
    if (!estimate) {
      throw new UsageError(
        `runId: run "${runRef}" has no estimate yet (status ${run.status}${run.failureReason ? `: ${run.failureReason}` : ""})`,
      );
    }
    return {
      totalCarbonKgCo2e: Number(estimate.totalCarbonKgCo2e),
      methodologyVersion: estimate.methodologyVersion,
      method: estimate.method,
      gridZone: estimate.gridZone,
      cloudProvider: run.cloudProvider,
      cloudRegion: run.cloudRegion,
      gpuModel: estimate.gpuModel,
      gpuCount: estimate.gpuCount,
    };
  });
  io.out(options.json ? JSON.stringify(hfCardMetadata(card), null, 2) : hfCardYaml(card));
}
