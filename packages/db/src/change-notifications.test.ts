import { describe, expect, it } from "vitest";
import { parsePrincipalChange, parseRollupChange } from "./change-notifications.js";

describe("parsePrincipalChange", () => {
  it("reads the triggers' payloads and ignores anything else", () => {
    const id = "0B9C3A52-5F0E-4C55-9D43-3B1F7C0E9A11";
    expect(parsePrincipalChange(`key:${id}`)).toEqual({ kind: "key", id: id.toLowerCase() });
    expect(parsePrincipalChange(`organization:${id}`)).toEqual({
      kind: "organization",
      id: id.toLowerCase(),
    });
    expect(parsePrincipalChange(`run:${id}`)).toBeNull();
    expect(parsePrincipalChange("key:not-a-uuid")).toBeNull();
    expect(parsePrincipalChange(undefined)).toBeNull();
  });

  it("reads a rollup change's organization id", () => {
    const id = "0B9C3A52-5F0E-4C55-9D43-3B1F7C0E9A11";
    expect(parseRollupChange(id)).toBe(id.toLowerCase());
    expect(parseRollupChange(`key:${id}`)).toBeNull();
    expect(parseRollupChange(undefined)).toBeNull();
  });
});
