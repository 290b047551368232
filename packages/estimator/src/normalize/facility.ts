/**
 * Facility rules (METHODOLOGY.md s.2, s.6, s.8): PUE and WUE (disclosed > organization setting >
 * cloud region's published value > provider average > a personal computer's PUE 1 and on-site
 * WUE 0 (laptop and Apple-silicon hosts, `personalComputerServers`, ADR 0016) > industry / US
 * average) and the grid's electricity water intensity factor (EWIF, always from the country).
 * The Strubell 2019 method fixes PUE at 1.58 whatever is disclosed (s.8).
 */
import { strubellPue } from "../constants.js";
import type { CloudProvider, EstimationMethod, RunDisclosure } from "../disclosure.js";
import { type CloudRegion, type Country, referenceData, type ServerSpec } from "../reference.js";
import type { OrganizationSettings, Provenance } from "../types.js";
import type { Location } from "./location.js";
import {
  constant,
  DISCLOSED,
  imputed,
  type ProvenanceRecord,
  perRow,
  sourcedConstant,
} from "./shared.js";

const defaults = referenceData.locationDefaults;

const pueOfRegion = perRow((r: CloudRegion) =>
  imputed("pue-of-cloud-region", r.source.pue ?? "", r.pue),
);
const wueOfRegion = perRow((r: CloudRegion) =>
  imputed("wue-of-cloud-region", r.source.wue ?? "", r.wueLitersPerKwh),
);
const ewifOfCountry = perRow((c: Country) =>
  imputed("ewif-of-country", c.ewifSource, c.ewifLitersPerKwh),
);
const byProvider = (
  rule: string,
  table: Readonly<Record<CloudProvider, { value: number; source: string }>>,
) =>
  Object.fromEntries(
    Object.entries(table).map(([p, v]) => [p, sourcedConstant(rule, v)]),
  ) as Record<CloudProvider, Provenance>;
const pueOfProvider = byProvider("pue-of-provider", defaults.providerPue);
const wueOfProvider = byProvider("wue-of-provider", defaults.providerWueLitersPerKwh);
const PUE_INDUSTRY = sourcedConstant("pue-industry-average", defaults.industryPue);
const WUE_US = sourcedConstant("wue-us-average", defaults.usWue);
const PUE_PERSONAL = sourcedConstant("pue-personal-computer", defaults.personalComputerPue);
const WUE_PERSONAL = sourcedConstant(
  "wue-personal-computer",
  defaults.personalComputerWueLitersPerKwh,
);
const personalComputers = new Set(referenceData.personalComputerServers);

/** Whether the run's host is a personal computer (a laptop), not a data-center server. */
function isPersonalComputer(server: ServerSpec): boolean {
  return personalComputers.has(server.id);
}

/** Provenance of the PUE of a run estimated with the Strubell 2019 method (METHODOLOGY.md s.8). */
export const STRUBELL_PUE: Provenance = constant(
  "strubell2019-pue",
  "Strubell, Ganesh, McCallum 2019 eq. 1: PUE 1.58 (Uptime Institute 2018 global average), a constant of the method (METHODOLOGY.md s.8)",
  strubellPue,
);

/** Datacenter PUE (dimensionless, >= 1) of the run on `server` (module doc). */
export function resolvePue(
  d: RunDisclosure,
  method: EstimationMethod,
  org: OrganizationSettings | undefined,
  location: Location,
  server: ServerSpec,
  prov: ProvenanceRecord,
): number {
  if (method === "strubell2019") {
    prov.pue = STRUBELL_PUE;
    return strubellPue;
  }
  if (d.pue !== undefined) {
    prov.pue = DISCLOSED;
    return d.pue;
  }
  if (org?.pueOverride !== undefined) {
    prov.pue = imputed("organization-setting", "organization PUE setting", org.pueOverride);
    return org.pueOverride;
  }
  if (location.cloudRegion) {
    prov.pue = pueOfRegion(location.cloudRegion);
    return location.cloudRegion.pue;
  }
  if (location.cloudProvider) {
    prov.pue = pueOfProvider[location.cloudProvider];
    return defaults.providerPue[location.cloudProvider].value;
  }
  if (isPersonalComputer(server)) {
    prov.pue = PUE_PERSONAL;
    return defaults.personalComputerPue.value;
  }
  prov.pue = PUE_INDUSTRY;
  return defaults.industryPue.value;
}

/** Datacenter WUE, liters of on-site water per kWh of IT energy; also records EWIF provenance. */
export function resolveWue(
  d: RunDisclosure,
  org: OrganizationSettings | undefined,
  location: Location,
  server: ServerSpec,
  prov: ProvenanceRecord,
): number {
  const wue = wueOf(d, org, location, server, prov);
  prov.ewifLitersPerKwh = ewifOfCountry(location.country);
  return wue;
}

function wueOf(
  d: RunDisclosure,
  org: OrganizationSettings | undefined,
  location: Location,
  server: ServerSpec,
  prov: ProvenanceRecord,
): number {
  if (d.wueLitersPerKwh !== undefined) {
    prov.wueLitersPerKwh = DISCLOSED;
    return d.wueLitersPerKwh;
  }
  const override = org?.wueLitersPerKwhOverride;
  if (override !== undefined) {
    prov.wueLitersPerKwh = imputed("organization-setting", "organization WUE setting", override);
    return override;
  }
  if (location.cloudRegion) {
    prov.wueLitersPerKwh = wueOfRegion(location.cloudRegion);
    return location.cloudRegion.wueLitersPerKwh;
  }
  if (location.cloudProvider) {
    prov.wueLitersPerKwh = wueOfProvider[location.cloudProvider];
    return defaults.providerWueLitersPerKwh[location.cloudProvider].value;
  }
  if (isPersonalComputer(server)) {
    prov.wueLitersPerKwh = WUE_PERSONAL;
    return defaults.personalComputerWueLitersPerKwh.value;
  }
  prov.wueLitersPerKwh = WUE_US;
  return defaults.usWue.value;
}
