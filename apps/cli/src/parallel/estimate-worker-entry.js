// Entry of the estimate worker threads. Finetrace runs TypeScript through tsx (no build step,
// as bin/finetrace.js does): register tsx's ESM loader in this thread, then load the worker.
import { register } from "tsx/esm/api";

register();
await import("./estimate-worker.ts");
