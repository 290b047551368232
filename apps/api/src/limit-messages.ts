/**
 * Wording of the document-limit rejections (GRAPHQL_VALIDATION_FAILED, HTTP 400). graphql-armor
 * words each one "Syntax Error: <limit> exceeded, found N." though the document parsed: the API
 * answers without that prefix, and for the cost limit says how the cost arises and what to change
 * (armor multiplies a list field's cost by a literal `first` / `last`, so `runs(first: 100000)`
 * is refused by cost before the resolver could name `first`).
 */

/**
 * Query cost weights, passed to graphql-armor's cost limit (server.ts) and named in its
 * rejection: graphql-armor-cost-limit's own defaults (scalarCost 1, objectCost 2,
 * depthCostFactor 1.5), written out so the message cannot drift from the configuration.
 */
export const queryCostWeights = { scalarCost: 1, objectCost: 2, depthCostFactor: 1.5 } as const;

const armorRejection =
  /^Syntax Error: ((?:Query Cost|Query depth|Aliases|Directives|Token) limit of \d+ exceeded.*)$/s;

/**
 * The message of a document-limit rejection as the API words it; any other message unchanged.
 * @param maxPageSize API_MAX_PAGE_SIZE, named in the cost hint.
 */
export function limitRejectionMessage(message: string, maxPageSize: number): string {
  const match = armorRejection.exec(message);
  if (!match) return message;
  const text = match[1] as string;
  if (!text.startsWith("Query Cost")) return text;
  const { scalarCost, objectCost, depthCostFactor } = queryCostWeights;
  return `${text} A field costs ${scalarCost}, an object ${objectCost} plus ${depthCostFactor} x its fields' cost, and a list field's cost is multiplied by its \`first\` (at most ${maxPageSize}): ask for a smaller page or fewer fields.`;
}
