/** Entry point of `finetrace` (bin/finetrace.js registers tsx, then imports this file). */
import { run } from "./program.js";

// Exit explicitly: a command that returns has closed what it opened, and a stray handle
// (a pool's idle timer) must not keep a script waiting. stdout/stderr writes are synchronous
// for files and pipes on Linux, so nothing printed is lost.
process.exit(await run(process.argv));
