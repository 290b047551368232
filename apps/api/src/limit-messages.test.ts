import { describe, expect, it } from "vitest";
import { limitRejectionMessage } from "./limit-messages.js";

describe("limitRejectionMessage", () => {
  it("drops graphql-armor's 'Syntax Error' prefix: the document parsed", () => {
    expect(
      limitRejectionMessage("Syntax Error: Query depth limit of 10 exceeded, found 12.", 200),
    ).toBe("Query depth limit of 10 exceeded, found 12.");
    expect(
      limitRejectionMessage("Syntax Error: Aliases limit of 20 exceeded, found 21.", 200),
    ).toBe("Aliases limit of 20 exceeded, found 21.");
  });

  it("says how a query's cost arises and what to change", () => {
    const message = limitRejectionMessage(
      "Syntax Error: Query Cost limit of 5000 exceeded, found 1287500.",
      200,
    );
    expect(message).toMatch(/^Query Cost limit of 5000 exceeded, found 1287500\. /);
    expect(message).toContain("multiplied by its `first` (at most 200)");
    expect(message).not.toContain("Syntax Error");
  });

  it("leaves a real syntax error and other validation errors as they are", () => {
    for (const m of [
      'Syntax Error: Expected Name, found "}".',
      'Cannot query field "x" on type "Query".',
    ])
      expect(limitRejectionMessage(m, 200)).toBe(m);
  });
});
