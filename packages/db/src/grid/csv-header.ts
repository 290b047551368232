/**
 * Header of an Electricity Maps hourly CSV. Two layouts exist (data/electricitymaps-hourly/README.md):
 * the 2025 portal header ("Zone id", "Carbon intensity gCO₂eq/kWh (Life cycle)", ...) and the
 * older one ("Zone Id", "Carbon Intensity gCO₂eq/kWh (LCA)", ...). Columns are found by name,
 * case-insensitively, so their order does not matter. The renewable (RE%) and carbon-free (CFE%,
 * "Low Carbon" in the older layout) percentages are optional columns.
 */
import { parse } from "csv-parse/sync";

/** 0-based indexes of the columns the loader reads, plus the header's column count. */
export interface GridCsvColumns {
  columnCount: number;
  datetimeUtc: number;
  zoneId: number;
  zoneName: number;
  directIntensity: number;
  lifecycleIntensity: number;
  dataEstimated: number;
  /**
   * "Renewable energy percentage (RE%)" (older layout "Renewable Percentage"), 0-100; optional:
   * -1 when the header has no such column (the hours are stored without it).
   */
  renewablePercentage: number;
  /** "Carbon-free energy percentage (CFE%)" (older layout "Low Carbon Percentage"); optional, -1. */
  carbonFreePercentage: number;
}

/** Thrown when the header lacks a required column; nothing is loaded. */
export class GridCsvHeaderError extends Error {
  /** @param file name of the file, prefixed to the message when given. */
  constructor(
    readonly missing: string[],
    readonly file?: string,
  ) {
    super(
      `${file ? `${file}: ` : ""}grid intensity CSV header is missing column(s): ${missing.join(", ")}`,
    );
    this.name = "GridCsvHeaderError";
  }
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");
const isIntensity = (name: string) => name.startsWith("carbon intensity");

type Located = keyof Omit<GridCsvColumns, "columnCount">;

const optional: [Located, (name: string) => boolean][] = [
  ["renewablePercentage", (n) => n.startsWith("renewable") && n.includes("percentage")],
  [
    "carbonFreePercentage",
    (n) => (n.startsWith("carbon-free") || n.startsWith("low carbon")) && n.includes("percentage"),
  ],
];

const required: [Located, string, (name: string) => boolean][] = [
  ["datetimeUtc", "Datetime (UTC)", (n) => n === "datetime (utc)"],
  ["zoneId", "Zone id", (n) => n === "zone id"],
  ["zoneName", "Zone name", (n) => n === "zone name"],
  [
    "directIntensity",
    "Carbon intensity gCO₂eq/kWh (direct)",
    (n) => isIntensity(n) && n.endsWith("(direct)"),
  ],
  [
    "lifecycleIntensity",
    "Carbon intensity gCO₂eq/kWh (Life cycle) or (LCA)",
    (n) => isIntensity(n) && (n.endsWith("(life cycle)") || n.endsWith("(lca)")),
  ],
  ["dataEstimated", "Data estimated", (n) => n === "data estimated"],
];

/**
 * Locate the needed columns in a header line (CSV text of the first line, BOM allowed).
 * @throws GridCsvHeaderError naming every missing column.
 */
export function findColumns(headerLine: string): GridCsvColumns {
  const [header = []] = parse(headerLine, { bom: true, to_line: 1 }) as string[][];
  const names = header.map(normalize);
  const columns: Partial<GridCsvColumns> = { columnCount: names.length };
  const missing: string[] = [];
  for (const [key, label, test] of required) {
    const index = names.findIndex(test);
    if (index < 0) missing.push(label);
    else columns[key] = index;
  }
  if (missing.length > 0) throw new GridCsvHeaderError(missing);
  for (const [key, test] of optional) columns[key] = names.findIndex(test);
  return columns as GridCsvColumns;
}
