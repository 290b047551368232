import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dashboardUrl, defaultDashboardDir, withDashboardDir } from "./serve.js";

describe("the dashboard directory of serve and demo", () => {
  it("keeps an explicit API_DASHBOARD_DIR", () => {
    const errors: string[] = [];
    const env = withDashboardDir(
      { API_DASHBOARD_DIR: "/srv/dash" },
      { err: (m) => errors.push(m) },
    );
    expect(env.API_DASHBOARD_DIR).toBe("/srv/dash");
    expect(errors).toEqual([]);
  });

  it("defaults to this checkout's build, or warns when there is none", () => {
    const errors: string[] = [];
    const env = withDashboardDir({}, { err: (m) => errors.push(m) });
    if (existsSync(join(defaultDashboardDir, "index.html"))) {
      expect(env.API_DASHBOARD_DIR).toBe(defaultDashboardDir);
      expect(errors).toEqual([]);
    } else {
      expect(env.API_DASHBOARD_DIR).toBeUndefined();
      expect(errors.join("")).toMatch(/npm run build -w apps\/dashboard/);
    }
    expect(defaultDashboardDir).toMatch(/apps\/dashboard\/dist\/$/);
  });

  it("gives the dashboard's URL from the GraphQL URL only when one is served", () => {
    expect(dashboardUrl("http://127.0.0.1:4101/graphql", { API_DASHBOARD_DIR: "/d" })).toBe(
      "http://127.0.0.1:4101/",
    );
    expect(dashboardUrl("http://127.0.0.1:4101/graphql", {})).toBeNull();
  });
});
