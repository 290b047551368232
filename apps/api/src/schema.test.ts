/**
 * The executable schema keeps the SDL's descriptions of the graphql-scalars scalars (what
 * introspection, and so every generated client and schema explorer, shows) and their behaviour.
 */
import { type GraphQLScalarType, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { buildSchema, loadTypeDefs } from "./schema.js";

const schema = buildSchema();
const sdlDescription = (name: string) => {
  for (const doc of loadTypeDefs().map((sdl) => parse(sdl))) {
    for (const d of doc.definitions) {
      if (d.kind === "ScalarTypeDefinition" && d.name.value === name) return d.description?.value;
    }
  }
  return undefined;
};

describe("scalars", () => {
  it.each(["DateTime", "JSON", "LocalDate", "NonNegativeInt", "SafeInt", "TimeZone"])(
    "%s keeps the SDL's description",
    (name) => {
      const description = sdlDescription(name);
      expect(description).toMatch(/graphql-scalars/);
      expect((schema.getType(name) as GraphQLScalarType).description).toBe(description);
    },
  );

  it("still parses and rejects as graphql-scalars does", () => {
    const dateTime = schema.getType("DateTime") as GraphQLScalarType;
    expect((dateTime.parseValue("2024-07-06T19:01:00+02:00") as Date).toISOString()).toBe(
      "2024-07-06T17:01:00.000Z",
    );
    expect(() => dateTime.parseValue("2024-02-30T00:00:00Z")).toThrow(/DateTime cannot represent/);
    const safeInt = schema.getType("SafeInt") as GraphQLScalarType;
    expect(() => safeInt.parseValue(2 ** 53)).toThrow();
  });
});
