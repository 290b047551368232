/**
 * The `finetrace` command line (commander). Every action imports its implementation lazily, so
 * `finetrace estimate` loads only the estimator and never Prisma, pg, BullMQ or Redis: it works
 * with Postgres and Redis stopped.
 *
 * Exit codes: see `errors.ts` (0 ok, 1 runtime failure, 2 usage or validation error).
 */
import { Command, CommanderError, Option } from "commander";
import { ExitCode, formatIssue, UsageError } from "./errors.js";

/** Where a command writes: stdout for results, stderr for progress and problems. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

const reportFormats = ["csv", "html", "pdf", "json"] as const;
const roles = ["admin", "ingest", "read"] as const;

export function buildProgram(io: Io): Command {
  const program = new Command("finetrace")
    .description(
      "Energy (kWh), carbon (kgCO2e) and water (L) of AI fine-tuning runs, per run, per month and per inference.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 runtime failure (database, Redis, network), 2 usage or invalid input.",
    )
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  addEstimateCommand(program, io);
  addAdminCommands(program, io);
  addDataCommands(program, io);
  addProcessCommands(program, io);
  return program;
}

/** `estimate`: offline, no database. */
function addEstimateCommand(program: Command, io: Io): void {
  program
    .command("estimate")
    .description(
      "Estimate the runs of a disclosure file offline (no database, no Redis), streaming: a summary table (counts, totals) and the first runs with the provenance of imputed inputs, or every run as NDJSON (--json) or CSV (--csv).",
    )
    .addHelpText(
      "after",
      `
--json prints one JSON object per line, in file order:
  {"type":"estimate","index":0,"run":"<externalId or #N>",["rowAlignmentProvenance":{...},]["snapshotProvenance":{...},]["startTimeProvenance":{...},]["gridZoneProvenance":{...},]["measuredEnergyProvenance":{...},]["gpuModelProvenance":{...},]["hostProvenance":{...},]...estimate fields}
  {"type":"issue","index":1,"record":2,"path":"<field>","message":"<problem>"}
  {"type":"summary","file":...,"format":...,"records":N,"estimated":N,"rejected":N,"issues":N,"totals":{"itEnergyKwh","facilityEnergyKwh","totalCarbonKgCo2e","totalWaterLiters"}}
Problems are also printed on stderr as "record N field: problem"; the good records are still printed, and the exit code is 2.`,
    )
    .argument(
      "<file>",
      "disclosures: .json (object or array), .jsonl, .csv, or CodeCarbon emissions.csv",
    )
    .option("--json", "print NDJSON: one object per line (see below)")
    .option("--csv", "print CSV: one row per estimated run, units in the column names")
    .option("--limit <n>", "table mode: detail rows to print", "20")
    .option(
      "--grid-data <dir>",
      "folder of Electricity Maps hourly files <ZONE>_<YEAR>_hourly.csv.gz (default: the shipped data/electricitymaps-hourly)",
    )
    .option("--no-hourly", "use annual-average grid intensities only")
    .option(
      "--codecarbon-utc-offset <offset>",
      "offset of CodeCarbon's naive timestamps, e.g. +02:00, or \"infer\": the time zone of the row's region/country at that date",
      "infer",
    )
    .option("--base-model <name>", "base model of CodeCarbon rows (default: project_name)")
    .option(
      "--threads <n>",
      "JSONL input: worker threads estimating chunks of lines in parallel, output still in file order (default with --json or --csv: the CPUs available, at most 4, for files of 1 MiB or more; otherwise 1 = in-process)",
    )
    .action(async (file: string, options) => {
      const { estimateCommand } = await import("./commands/estimate.js");
      await estimateCommand(io, file, options);
    });
}

/** `db migrate`, `grid load`, `org create`, `keys create`: operator commands. */
function addAdminCommands(program: Command, io: Io): void {
  const db = program.command("db").description("Database administration.");
  db.command("migrate")
    .description(
      "Create the database if missing and apply prisma/migrations (like prisma migrate deploy).",
    )
    .option("--json", "print the applied migrations as JSON")
    .action(async (options) => {
      const { dbMigrateCommand } = await import("./commands/db.js");
      await dbMigrateCommand(io, options);
    });

  const grid = program.command("grid").description("Grid carbon intensity data.");
  grid
    .command("load")
    .description(
      "Bulk-load Electricity Maps hourly CSV files (.csv or .csv.gz) into the shared series (every organization's runs), or with --organization into that organization's private series.",
    )
    .argument("<csv...>", "files in the Electricity Maps hourly layout")
    .option("--json", "print the load summary as JSON")
    .option(
      "--organization <id>",
      "load into this organization's private series (prices only its runs); known zones only",
    )
    .option("--zone <zone>", "with --organization: the only zone the files may write")
    .action(async (files: string[], options) => {
      const { gridLoadCommand } = await import("./commands/grid.js");
      await gridLoadCommand(io, files, options);
    });

  const org = program.command("org").description("Organizations.");
  org
    .command("create")
    .description("Create an organization (idempotent on its slug).")
    .argument("<name>", 'display name, e.g. "Acme AI"')
    .option("--slug <slug>", "URL-safe id (default: derived from the name)")
    .option("--timezone <iana>", "reporting time zone that cuts months", "UTC")
    .option("--json", "print the organization as JSON")
    .action(async (name: string, options) => {
      const { orgCreateCommand } = await import("./commands/org.js");
      await orgCreateCommand(io, name, options);
    });

  const keys = program.command("keys").description("API keys.");
  keys
    .command("create")
    .description("Create an API key; the secret is printed once.")
    .requiredOption("--org <slug>", "organization slug")
    .addOption(
      new Option("--role <role>", "what the key may do").choices(roles).makeOptionMandatory(),
    )
    .option("--name <name>", "label of the key", "cli")
    .option("--json", "print the key as JSON")
    .action(async (options) => {
      const { keysCreateCommand } = await import("./commands/org.js");
      await keysCreateCommand(io, options);
    });
}

/** `ingest`, `report`, `export hf-card`: an organization's data. */
function addDataCommands(program: Command, io: Io): void {
  program
    .command("ingest")
    .description(
      "Store the runs of a file as PENDING for an organization and queue their estimation (or record daily inference counts from a modelKey,day,inferenceCount CSV).",
    )
    .argument(
      "<file>",
      "disclosures (.json, .jsonl, .csv, CodeCarbon emissions.csv) or inference usage .csv",
    )
    .requiredOption("--org <slug>", "organization slug")
    .option("--all-or-nothing", "write nothing when any record is invalid")
    .option(
      "--codecarbon-utc-offset <offset>",
      "offset of CodeCarbon's naive timestamps, e.g. +02:00, or \"infer\": the time zone of the row's region/country at that date",
      "infer",
    )
    .option("--base-model <name>", "base model of CodeCarbon rows (default: project_name)")
    .option("--json", "print accepted runs and rejected records as JSON")
    .action(async (file: string, options) => {
      const { ingestCommand } = await import("./commands/ingest.js");
      await ingestCommand(io, file, options);
    });

  const instruments = program
    .command("instruments")
    .description(
      "Contractual instruments for market-based Scope 2 (EACs, PPAs, supplier factors).",
    );
  instruments
    .command("import")
    .description(
      "Record an organization's instruments from a CSV (kind,gridZone,validFrom,validTo,energyMwh,emissionFactorGPerKwh,certificateId), all or nothing, and recompute its Scope 2 results.",
    )
    .argument("<csv>", "instruments CSV; a certificateId already recorded is replaced")
    .requiredOption("--organization <slug>", "organization slug")
    .option("--json", "print the recorded instruments as JSON")
    .action(async (file: string, options) => {
      const { instrumentsImportCommand } = await import("./commands/instruments.js");
      await instrumentsImportCommand(io, file, options);
    });
  const residualMix = program
    .command("residual-mix")
    .description("Residual-mix emission factors per grid zone and year (market-based Scope 2).");
  residualMix
    .command("import")
    .description(
      "Record an organization's residual-mix factors from a CSV (gridZone,year,emissionFactorGPerKwh,source), all or nothing, and recompute its Scope 2 results.",
    )
    .argument("<csv>", "residual-mix CSV; a zone and year already recorded is replaced")
    .requiredOption("--organization <slug>", "organization slug")
    .option("--json", "print the recorded factors as JSON")
    .action(async (file: string, options) => {
      const { residualMixImportCommand } = await import("./commands/instruments.js");
      await residualMixImportCommand(io, file, options);
    });

  program
    .command("report")
    .description(
      "Generate an organization's monthly report (a new version when its figures changed) and print it, or print a stored version.",
    )
    .requiredOption("--org <slug>", "organization slug")
    .requiredOption("--month <yyyy-mm>", "month, e.g. 2024-07, cut in the organization's time zone")
    .option("--at-version <n>", "print stored version n (1, 2, ...) instead of generating")
    .addOption(
      new Option("--format <format>", "output format").choices(reportFormats).default("json"),
    )
    .option("--output <file>", "write to a file instead of stdout (required for pdf on a terminal)")
    .action(async (options) => {
      const { reportCommand } = await import("./commands/report.js");
      await reportCommand(io, options);
    });

  const exportCmd = program.command("export").description("Export footprints to other formats.");
  exportCmd
    .command("hf-card")
    .description(
      "A run's footprint as Hugging Face model-card co2_eq_emissions metadata (YAML, grams CO2e).",
    )
    .argument("<runId>", "run id (uuid) or externalId with --org")
    .option("--org <slug>", "look the run up by externalId in this organization")
    .option("--json", "print the metadata as JSON instead of YAML")
    .action(async (runId: string, options) => {
      const { exportHfCardCommand } = await import("./commands/export.js");
      await exportHfCardCommand(io, runId, options);
    });
}

/** `serve`, `demo`: composition roots that start the API and the worker. */
function addProcessCommands(program: Command, io: Io): void {
  program
    .command("serve")
    .description(
      "Run the GraphQL API and the worker in one process (small installs). Production runs apps/api and apps/worker separately.",
    )
    .action(async () => {
      const { serveCommand } = await import("./commands/serve.js");
      await serveCommand(io);
    });

  program
    .command("demo")
    .description(
      "Migrate, load the shipped hourly data, create the demo organization and key, submit the examples through GraphQL, estimate, report July 2024, print a summary.",
    )
    .option("--serve", "keep the API and worker running after the summary")
    .option("--json", "print the summary as JSON")
    .action(async (options) => {
      const { demoCommand } = await import("./demo/demo.js");
      await demoCommand(io, options);
    });
}

/** Map a thrown value to an exit code, printing what the user needs to know. */
export function exitCodeFor(error: unknown, io: Io): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander already printed usage problems.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usageError;
  }
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    for (const issue of error.issues) io.err(`  ${formatIssue(issue)}`);
    return ExitCode.usageError;
  }
  if (error instanceof Error && error.name === "ConfigError") {
    io.err(`error: ${error.message}`);
    return ExitCode.usageError;
  }
  io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.FINETRACE_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
  return ExitCode.runtimeFailure;
}

/** Parse `argv` (node-style, with the executable and script first) and run the command. */
export async function run(argv: string[], io: Io = processIo): Promise<ExitCode> {
  try {
    await buildProgram(io).parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}
