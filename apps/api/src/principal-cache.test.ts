import { describe, expect, it } from "vitest";
import { PrincipalCache } from "./principal-cache.js";

const principal = (keyId: string, organizationId: string) => ({
  keyId,
  organizationId,
  role: "read" as const,
  reportingTimezone: "UTC",
});

describe("PrincipalCache", () => {
  it("serves entries only while listening, and forgets by key or organization", () => {
    const cache = new PrincipalCache(60);
    cache.set("ft_a", principal("k1", "o1"));
    expect(cache.get("ft_a")).toBeUndefined(); // not listening yet: nothing is kept
    cache.resume();
    cache.set("ft_a", principal("k1", "o1"));
    cache.set("ft_b", principal("k2", "o1"));
    cache.set("ft_c", principal("k3", "o2"));
    expect(cache.get("ft_a")?.keyId).toBe("k1");
    cache.forget({ kind: "key", id: "k1" });
    expect(cache.get("ft_a")).toBeUndefined();
    expect(cache.get("ft_b")?.keyId).toBe("k2");
    cache.forget({ kind: "organization", id: "o1" });
    expect(cache.get("ft_b")).toBeUndefined();
    expect(cache.get("ft_c")?.keyId).toBe("k3");
    cache.suspend();
    expect(cache.get("ft_c")).toBeUndefined();
    cache.resume();
    expect(cache.get("ft_c")).toBeUndefined(); // resumed from empty
  });

  it("keeps nothing with a lifetime of 0", () => {
    const cache = new PrincipalCache(0);
    cache.resume();
    cache.set("ft_a", principal("k1", "o1"));
    expect(cache.get("ft_a")).toBeUndefined();
  });
});
