/**
 * A minimal GraphQL-over-HTTP client for the demo (POST JSON with the API key as a bearer
 * token), and the operations the demo sends. Errors in the response become exceptions that
 * carry the server's messages and `extensions.code`.
 */

export class GraphQLRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: { message: string; extensions?: { code?: string } }[],
  ) {
    super(
      `${operation}: ${errors.map((e) => `${e.extensions?.code ?? "ERROR"} ${e.message}`).join("; ")}`,
    );
    this.name = "GraphQLRequestError";
  }
}

export type GraphQLClient = <T>(
  operation: string,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

/** A client for `url` authenticated with `apiKey`. */
export function graphqlClient(url: string, apiKey: string): GraphQLClient {
  return async <T>(operation: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query, variables, operationName: operation }),
    });
    const body = (await response.json()) as { data?: T; errors?: GraphQLRequestError["errors"] };
    if (body.errors?.length) throw new GraphQLRequestError(operation, body.errors);
    if (!response.ok || body.data === undefined) {
      throw new GraphQLRequestError(operation, [{ message: `HTTP ${response.status}` }]);
    }
    return body.data;
  };
}

export const SUBMIT_RUNS = /* GraphQL */ `
  mutation SubmitRuns($input: [RunDisclosureInput!]!) {
    submitRuns(input: $input) {
      acceptedCount
      rejectedCount
      errors { index path message }
    }
  }
`;

export const RECORD_USAGE = /* GraphQL */ `
  mutation RecordUsage($input: [InferenceUsageInput!]!) {
    recordInferenceUsage(input: $input) { day }
  }
`;

export const RUNS = /* GraphQL */ `
  query Runs($first: Int!, $after: String) {
    runs(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          externalId
          status
          failureReason
          currentEstimate {
            method
            facilityEnergyKwh
            totalCarbonKgCo2e
            totalWaterLiters
            carbonPerInferenceGCo2e
            waterPerInferenceMilliliters
            inputs { startTimeUtc gridZone }
            intensity { source }
          }
        }
      }
    }
  }
`;

export const REQUEST_REPORT = /* GraphQL */ `
  mutation RequestReport($period: String!) {
    requestReport(period: $period) { status }
  }
`;

export const REPORT = /* GraphQL */ `
  query Report($period: String!) {
    report(period: $period) {
      period
      status
      failureReason
      runCount
      energyKwh
      totalCarbonKgCo2e
      totalWaterLiters
      csv
      html
      pdf
    }
  }
`;

/** One run as the demo reads it back. */
export interface DemoRun {
  id: string;
  externalId: string;
  status: "PENDING" | "ESTIMATED" | "FAILED";
  failureReason: string | null;
  currentEstimate: {
    method: string;
    facilityEnergyKwh: number;
    totalCarbonKgCo2e: number;
    totalWaterLiters: number;
    carbonPerInferenceGCo2e: number;
    waterPerInferenceMilliliters: number;
    inputs: { startTimeUtc: string; gridZone: string };
    intensity: { source: string };
  } | null;
}

export interface DemoReport {
  period: string;
  status: "PENDING" | "READY" | "FAILED";
  failureReason: string | null;
  runCount: number;
  energyKwh: number;
  totalCarbonKgCo2e: number;
  totalWaterLiters: number;
  csv: string | null;
  html: string | null;
  /** base64 */
  pdf: string | null;
}

/** Every run of the organization (pages of 200). */
export async function fetchAllRuns(client: GraphQLClient): Promise<DemoRun[]> {
  const runs: DemoRun[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      runs: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: DemoRun }[];
      };
    } = await client("Runs", RUNS, { first: 200, after });
    runs.push(...data.runs.edges.map((e) => e.node));
    if (!data.runs.pageInfo.hasNextPage) return runs;
    after = data.runs.pageInfo.endCursor;
  }
}
