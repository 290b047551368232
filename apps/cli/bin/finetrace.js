#!/usr/bin/env node
// `finetrace` executable: Finetrace runs TypeScript through tsx (no build step), so register
// tsx's ESM loader, then run the CLI.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
