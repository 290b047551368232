/**
 * The built dashboard (apps/dashboard/dist, passed as API_DASHBOARD_DIR) served at `/`:
 * hashed files under /assets/ are cached for a year (`immutable`: their names change with their
 * content), everything else (index.html, the favicon) is revalidated on every load (`no-cache`)
 * so a new deployment is picked up at once. A GET that asks for HTML and names no file
 * (`/runs/abc`, `/grid?zone=...`) gets index.html: the client router draws the page.
 * /graphql, /healthz and /metrics are registered before this router and never reach it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

/** One year, seconds: the longest `max-age` caches honour (RFC 9111 suggests at most a year). */
const IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** Paths the API owns; a typo under them is a 404, never the dashboard's HTML. */
const API_PATHS = ["/graphql", "/healthz", "/metrics"];

/**
 * Sent with the HTML: scripts and styles only from this origin (inline styles: ECharts sets
 * them), images from here or data:/blob: URLs (report downloads), no framing.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function htmlHeaders(res: express.Response): void {
  res.set("cache-control", "no-cache");
  res.set("content-security-policy", CONTENT_SECURITY_POLICY);
  res.set("x-content-type-options", "nosniff");
  res.set("referrer-policy", "no-referrer");
}

/** True when `dir` holds a dashboard build (an index.html). */
export function isDashboardBuild(dir: string): boolean {
  return existsSync(path.join(dir, "index.html"));
}

/**
 * Router serving the build in `dir`.
 * @throws Error when `dir` has no index.html (naming API_DASHBOARD_DIR and how to build it).
 */
export function dashboardRouter(dir: string): Router {
  const root = path.resolve(dir);
  if (!isDashboardBuild(root)) {
    throw new Error(
      `API_DASHBOARD_DIR=${dir}: no index.html there; build it with \`npm run build -w apps/dashboard\``,
    );
  }
  const router = express.Router();
  router.use(
    express.static(root, {
      index: false,
      redirect: false,
      setHeaders(res, file) {
        const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
        res.setHeader(
          "cache-control",
          immutable ? `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable` : "no-cache",
        );
        res.setHeader("x-content-type-options", "nosniff");
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    const isApiPath = API_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`));
    const namesAFile = path.extname(req.path) !== "";
    if (isApiPath || namesAFile || !req.accepts("html")) {
      next();
      return;
    }
    htmlHeaders(res);
    res.sendFile(path.join(root, "index.html"));
  });
  return router;
}
