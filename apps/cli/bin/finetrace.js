#!/usr/bin/env node
// `finetrace` executable: runs the CLI from a cached JavaScript bundle of its TypeScript sources
// (cli-bundle.js), or, when that cannot be built or FINETRACE_NO_BUNDLE=1, from the sources
// through tsx's ESM loader (no build step either way).
import { cliBundle } from "./cli-bundle.js";

const bundle = cliBundle();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
