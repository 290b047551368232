/**
 * Prisma's schema engine, run as WebAssembly (`@prisma/schema-engine-wasm`) through the
 * `@prisma/adapter-pg` driver adapter, because these machines cannot download Prisma's native
 * engine binary (see /work/shared/notes/prisma-offline.md, summarized in
 * docs/adr/0001-wasm-schema-engine.md). Only `applyMigrations` and `diff` from `empty` or a
 * datamodel are used: anything that introspects the database fails with this adapter.
 */
import { readFile } from "node:fs/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

/** No table or enum is managed outside Prisma. */
export const noExternalObjects: SchemaFilter = { externalTables: [], externalEnums: [] };

/** The slice of the WebAssembly global used here (@types/node 20 does not declare it). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmApi };

let wasmReady: Promise<void> | undefined;
/** Message of the last Rust panic inside the engine (wasm-bindgen reports it through this global). */
let lastPanicMessage: string | undefined;

/** Instantiate the wasm module once per process (the package's own entry needs ESM wasm imports, which Node 20 lacks). */
function initWasm(): Promise<void> {
  wasmReady ??= (async () => {
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanicMessage = message;
      },
    };
    const bgJsUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(new URL("schema_engine_bg.wasm", bgJsUrl));
    // The engine arms 10 s timers (timeouts around its work) that would keep a finished CLI
    // process alive for 10 s; unref them so only real I/O keeps the event loop running.
    const imports: Record<string, unknown> = { ...bg };
    for (const key of Object.keys(bg).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
      imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": imports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

/**
 * Run `fn` with a schema engine connected to `databaseUrl` (the database must exist), then free it.
 * `schemaFiles` are the Prisma schema files the engine is constructed with; when empty, a
 * datasource-only schema is used (the engine panics without at least one file).
 * Engine log lines are discarded unless `FINETRACE_SCHEMA_ENGINE_LOG` is set.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schemaFiles: { path: string; content: string }[],
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await initWasm();
  // Our own pool, ended below: the adapter's internal pool would keep the process alive ~10 s.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const log = (line: string) => {
    if (process.env.FINETRACE_SCHEMA_ENGINE_LOG) process.stderr.write(`${line}\n`);
  };
  const engine = await bg.SchemaEngine.new(
    {
      datamodels:
        schemaFiles.length > 0
          ? schemaFiles.map((f) => [f.path, f.content])
          : [["datasource.prisma", 'datasource db {\n  provider = "postgresql"\n}\n']],
    },
    log,
    adapterFactory,
  );
  try {
    return await fn(engine);
  } catch (error) {
    if (lastPanicMessage !== undefined) {
      const message = lastPanicMessage;
      lastPanicMessage = undefined;
      throw new Error(`Prisma schema engine panicked: ${message}`, { cause: error });
    }
    throw error;
  } finally {
    engine.free();
    await pool.end();
  }
}
