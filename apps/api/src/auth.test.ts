import { describe, expect, it } from "vitest";
import { bearerKey, requireRole } from "./auth.js";

describe("bearerKey", () => {
  it("reads the key of a Bearer header, case-insensitively", () => {
    expect(bearerKey("Bearer ft_abc")).toBe("ft_abc");
    expect(bearerKey("bearer   ft_abc  ")).toBe("ft_abc");
  });

  it("returns null for missing or other schemes", () => {
    expect(bearerKey(undefined)).toBeNull();
    expect(bearerKey("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerKey("Bearer two words")).toBeNull();
  });
});

describe("requireRole", () => {
  const principal = (role: "read" | "ingest" | "admin") => ({
    keyId: "k",
    organizationId: "o",
    role,
    reportingTimezone: "UTC",
  });

  it("ranks read < ingest < admin", () => {
    expect(() => requireRole(principal("admin"), "ingest")).not.toThrow();
    expect(() => requireRole(principal("ingest"), "ingest")).not.toThrow();
    expect(() => requireRole(principal("ingest"), "admin")).toThrow(/role admin/);
    expect(() => requireRole(principal("read"), "ingest")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    );
  });
});
