/**
 * Defaults of the pages that pick a period or a zone: the month and zone of the latest
 * submitted run (so the demo opens on its data, not on an empty current month).
 */
import { useQuery } from "urql";
import { graphql } from "./generated";
import { monthOf } from "./period";

const LatestRunQuery = graphql(`
  query LatestRun {
    runs(first: 1) {
      edges {
        node {
          id
          currentEstimate {
            inputs {
              startTimeUtc
              gridZone
            }
          }
        }
      }
    }
  }
`);

export function useLatestRun(pause: boolean): {
  fetching: boolean;
  month: string;
  zone: string | null;
} {
  const [{ data, fetching }] = useQuery({ query: LatestRunQuery, pause });
  const inputs = data?.runs.edges[0]?.node.currentEstimate?.inputs;
  return {
    fetching,
    month: monthOf(inputs?.startTimeUtc ?? new Date().toISOString()),
    zone: inputs?.gridZone ?? null,
  };
}
