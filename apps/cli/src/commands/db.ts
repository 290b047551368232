/** `finetrace db migrate`. */
import { migrate, redactUrl } from "@finetrace/db";
import { cliEnv } from "../context.js";
import type { Io } from "../program.js";

export async function dbMigrateCommand(io: Io, options: { json?: boolean }): Promise<void> {
  const env = cliEnv();
  const { applied } = await migrate(env.DATABASE_URL);
  if (options.json) {
    io.out(JSON.stringify({ database: redactUrl(env.DATABASE_URL), applied }, null, 2));
    return;
  }
  io.out(
    applied.length === 0
      ? `${redactUrl(env.DATABASE_URL)}: up to date`
      : `${redactUrl(env.DATABASE_URL)}: applied ${applied.join(", ")}`,
  );
}
