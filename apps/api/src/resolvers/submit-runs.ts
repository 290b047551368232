/**
 * `submitRuns`: the GraphQL adapter of the "submit runs" use case (packages/services
 * `submitRuns`): check the call's size, pass the items on, map the result to the payload type.
 */
import { submitRuns as submitRunsUseCase } from "@finetrace/services";
import type { ApiContext } from "../context.js";
import { badInput } from "../errors.js";
import type { RunDisclosureInput, SubmitRunsPayload } from "../generated/graphql.js";

/** Largest batch one call accepts (issue 5: "up to 10,000 per call"). */
export const MAX_RUNS_PER_SUBMISSION = 10_000;

/**
 * @throws GraphQLError BAD_USER_INPUT (field `input`) above 10,000 items; nothing is written.
 */
export async function submitRuns(
  input: RunDisclosureInput[],
  allOrNothing: boolean,
  { principal, services }: ApiContext,
): Promise<SubmitRunsPayload> {
  if (input.length > MAX_RUNS_PER_SUBMISSION) {
    throw badInput(
      "input",
      `at most ${MAX_RUNS_PER_SUBMISSION} runs per call (got ${input.length}); split the batch`,
    );
  }
  const result = await submitRunsUseCase(services.useCases, {
    organizationId: principal.organizationId,
    items: input.map(({ externalId, ...disclosure }, index) => ({ index, externalId, disclosure })),
    allOrNothing,
  });
  return {
    accepted: result.accepted,
    errors: result.issues,
    acceptedCount: result.accepted.length,
    rejectedCount: result.rejectedCount,
  };
}
