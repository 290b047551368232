/**
 * The disclosure fields are declared once (the estimator's `runDisclosureSchema`); the GraphQL
 * input and output types, and the Postgres columns (packages/db `DISCLOSURE_COLUMN_TYPES`, checked
 * at compile time), must list exactly those fields. Adding a field to the schema without adding
 * it here (or the reverse) fails this test.
 */
import { DISCLOSURE_COLUMNS } from "@finetrace/db";
import { disclosureFields } from "@finetrace/estimator";
import { buildSchema as buildSdlSchema, isInputObjectType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { loadTypeDefs } from "./schema.js";

const schema = buildSdlSchema(loadTypeDefs().join("\n"));
const sorted = (names: readonly string[]) => [...names].sort();

describe("disclosure fields agree everywhere", () => {
  it("RunDisclosureInput = externalId + the schema's fields", () => {
    const type = schema.getType("RunDisclosureInput");
    if (!isInputObjectType(type)) throw new Error("RunDisclosureInput is not an input type");
    expect(sorted(Object.keys(type.getFields()))).toEqual(
      sorted(["externalId", ...disclosureFields]),
    );
  });

  it("the RunDisclosure output type = the schema's fields", () => {
    const type = schema.getType("RunDisclosure");
    if (!isObjectType(type)) throw new Error("RunDisclosure is not an object type");
    expect(sorted(Object.keys(type.getFields()))).toEqual(sorted(disclosureFields));
  });

  it("the FineTuneRun disclosure columns = the schema's fields", () => {
    expect(sorted(DISCLOSURE_COLUMNS)).toEqual(sorted(disclosureFields));
  });
});
