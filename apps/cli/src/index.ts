export { buildProgram, exitCodeFor, type Io, run } from "./program.js";
