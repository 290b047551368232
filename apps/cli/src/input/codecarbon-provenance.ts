/**
 * The CodeCarbon reader's derivations as the disclosure's `inputProvenance` (packages/estimator
 * disclosure.ts): the fields the reader derived from the log rather than read as written, each
 * with the rule and source of its note, so that the estimate (offline, or stored by ingest) says
 * "imputed" for them instead of "disclosed".
 */
import type { InputProvenanceField, RunDisclosureInput } from "@finetrace/estimator";
import type { CodeCarbonNotes, FacilityDerivations } from "./codecarbon.js";

type Entry = NonNullable<RunDisclosureInput["inputProvenance"]>[number];

/** What the converter derived beyond its notes. */
export interface ReaderDerivations extends FacilityDerivations {
  /** `baseModel` is the row's `project_name` (no --base-model). */
  baseModelFromProject: boolean;
  /** `serverCount` is 1: the row's 2 or more GPUs are one machine's. */
  oneHost: boolean;
}

const entry = (field: InputProvenanceField, rule: string, source: string): Entry => ({
  field,
  rule,
  source,
});

/** The entries of a converted row's notes and derivations, one per field, in field order. */
export function codeCarbonInputProvenance(
  notes: CodeCarbonNotes,
  derived: ReaderDerivations,
): Entry[] {
  const out: Entry[] = [];
  if (derived.baseModelFromProject) {
    out.push(
      entry(
        "baseModel",
        "codecarbon-project-name",
        "CodeCarbon project_name (pass --base-model to name the base model)",
      ),
    );
  }
  const start = notes.startTimeProvenance;
  if (start) {
    const zone = start.timeZone ? `${start.timeZone}, ` : "";
    out.push(
      entry(
        "startTime",
        start.rule,
        `timestamp - duration at ${zone}${start.offset}: ${start.source}`,
      ),
    );
  }
  const span = notes.snapshotProvenance?.durationSeconds;
  if (span !== undefined) {
    out.push(
      entry("reservedDurationHours", "codecarbon-run-span", notes.snapshotProvenance?.source ?? ""),
    );
  }
  const energy = notes.measuredEnergyProvenance;
  // A row without measured energy discloses no measuredEnergyKwh to describe: its note stays on
  // the record (`measuredEnergyProvenance`), and the estimate's method says it was modelled.
  if (energy && energy.rule !== "codecarbon-no-energy-measured") {
    out.push(
      entry("measuredEnergyKwh", energy.rule, `${energy.columns.join(" + ")}: ${energy.source}`),
    );
  }
  const zone = notes.gridZoneProvenance;
  if (zone) {
    out.push(
      entry("gridZone", zone.rule, `region "${zone.region}" -> ${zone.gridZone}: ${zone.source}`),
    );
  }
  const soc = notes.gpuModelProvenance;
  if (soc) {
    out.push(entry("gpuModel", soc.rule, soc.source), entry("gpuCount", soc.rule, soc.source));
  }
  const host = notes.hostProvenance;
  if (host) {
    out.push(entry("gpuCount", host.rule, host.source));
    if (host.serverModel) out.push(entry("serverModel", host.rule, host.source));
  }
  if (derived.oneHost) {
    out.push(
      entry(
        "serverCount",
        "codecarbon-one-host",
        "a CodeCarbon row measures the one machine its tracker ran on: its GPUs share that host",
      ),
    );
  }
  if (derived.personalOs) {
    const personal =
      "os names a personal computer (Windows, WSL2 or macOS) off the cloud: no data-center facility, PUE 1 and on-site WUE 0 (METHODOLOGY.md s.2, as for a laptop)";
    out.push(
      entry("pue", "codecarbon-personal-os", personal),
      entry("wueLitersPerKwh", "codecarbon-personal-os", personal),
    );
  }
  if (derived.wueFromWater) {
    out.push(
      entry(
        "wueLitersPerKwh",
        "codecarbon-water-ratio",
        "water_consumed / energy_consumed (CodeCarbon's water_consumed is energy_consumed x its WUE)",
      ),
    );
  }
  return out;
}
