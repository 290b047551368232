/**
 * Entry point of `finetrace`: bin/finetrace.js imports the cached bundle of this file
 * (bin/cli-bundle.js, ADR 0097), or registers tsx and imports it.
 */
import { run } from "./program.js";

/**
 * Resolve once everything written to `stream` has been handed to the OS. Writes to a pipe are
 * asynchronous on Linux, so exiting right after a large write loses its tail (a `| wc -c` saw
 * 131072 of 166058 bytes): an empty write's callback runs after every queued write.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

// A reader that closed the pipe early (`| head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Exit explicitly once stdout and stderr are drained: a command that returns has closed what it
// opened, and a stray handle (a pool's idle timer) must not keep a script waiting.
process.exitCode = await run(process.argv);
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit();
