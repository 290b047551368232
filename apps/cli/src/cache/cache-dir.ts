/**
 * The CLI's cache folder: `$XDG_CACHE_HOME/finetrace/<part>` (default `~/.cache`, the XDG Base
 * Directory default): the user's own directory, not a shared one such as /tmp where another
 * user could plant files for this process to read. Holds derived files only (the worker bundle,
 * parsed hourly series, and the CLI bundle, whose loader bin/cli-bundle.js computes this root
 * itself in plain JavaScript); deleting it costs one rebuild.
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function finetraceCacheDir(part: string): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "finetrace", part);
}
