/**
 * Location rules (METHODOLOGY.md s.2): managed service, cloud provider and region, grid zone,
 * country. Precedence: disclosed grid zone > cloud region > country > United States default.
 * A managed service implies its provider and needs the region it ran in.
 */
import type { CloudProvider, RunDisclosure } from "../disclosure.js";
import { nearestByEditDistance } from "../edit-distance.js";
import { InsufficientDataError, UnknownReferenceError } from "../errors.js";
import {
  type CloudRegion,
  type Country,
  findCloudRegion,
  findCountry,
  findGridZone,
  findManagedService,
  type GridZone,
  type ManagedService,
  referenceData,
} from "../reference.js";
import { DISCLOSED, imputed, type ProvenanceRecord, perRow, sourcedConstant } from "./shared.js";

const defaults = referenceData.locationDefaults;

const providerOfService = perRow((s: ManagedService) =>
  imputed("provider-of-managed-service", s.source, s.provider),
);
const providerOfRegion = perRow((r: CloudRegion) =>
  imputed("provider-of-cloud-region", r.source.gridZone ?? "", r.provider),
);
const zoneOfRegion = perRow((r: CloudRegion) =>
  imputed("zone-of-cloud-region", r.source.gridZone ?? "", r.gridZone),
);
const countryOfRegion = perRow((r: CloudRegion) =>
  imputed("country-of-cloud-region", r.source.gridZone ?? "", r.countryCode),
);
const countryOfZone = perRow((z: GridZone) =>
  imputed("country-of-grid-zone", z.source, z.countryCode),
);
const zoneOfCountry = perRow((c: Country) => imputed("zone-of-country", c.intensitySource, c.code));
const COUNTRY_US = sourcedConstant("location-default-us", defaults.defaultCountry);
const ZONE_US = sourcedConstant("location-default-us", defaults.defaultUsZone);

/** Where the run ran, after the location rules. */
export interface Location {
  gridZone: string;
  countryCode: string;
  cloudProvider: CloudProvider | null;
  cloudRegion: CloudRegion | null;
  /** The reference row of `countryCode` (annual intensity, EWIF). */
  country: Country;
}

/**
 * The disclosed managed service's reference row, or undefined when none is disclosed.
 * @throws UnknownReferenceError("managedService") for an unknown service.
 */
export function resolveManagedService(
  d: RunDisclosure,
  prov: ProvenanceRecord,
): ManagedService | undefined {
  if (d.managedService === undefined) return undefined;
  const service = findManagedService(d.managedService);
  if (!service) {
    throw new UnknownReferenceError(
      "managedService",
      d.managedService,
      `known: ${referenceData.managedServices.map((m) => m.id).join(", ")}`,
    );
  }
  prov.managedService = DISCLOSED;
  return service;
}

/** "not a known gcp region; nearest: a, b, c (43 gcp regions known)": the 3 nearest region ids. */
function unknownRegionMessage(provider: CloudProvider, region: string): string {
  const known = referenceData.cloudRegions
    .filter((r) => r.provider === provider)
    .map((r) => r.region);
  const nearest = nearestByEditDistance(region.toLowerCase(), known);
  return `not a known ${provider} region; nearest: ${nearest.join(", ")} (${known.length} ${provider} regions known)`;
}

/** @throws UnknownReferenceError("cloudRegion") for an unknown region or one the service lacks. */
function findRegion(
  d: RunDisclosure,
  provider: CloudProvider | undefined,
  service: ManagedService | undefined,
): CloudRegion | null {
  if (d.cloudRegion === undefined) return null;
  const region = findCloudRegion(provider, d.cloudRegion);
  if (!region) {
    throw new UnknownReferenceError(
      "cloudRegion",
      d.cloudRegion,
      provider
        ? unknownRegionMessage(provider, d.cloudRegion)
        : "give cloudProvider too, or a region id known to exactly one provider",
    );
  }
  if (service && !service.regions.includes(region.region)) {
    throw new UnknownReferenceError(
      "cloudRegion",
      d.cloudRegion,
      `${service.id} is offered in ${service.regions.join(", ")}`,
    );
  }
  return region;
}

/** @throws UnknownReferenceError("countryCode") for a country without reference data. */
function countryRow(code: string, hint: string): Country {
  const country = findCountry(code);
  if (!country) throw new UnknownReferenceError("countryCode", code, hint);
  return country;
}

/** Grid zone and country: disclosed zone > cloud region > country > United States. */
function zoneAndCountry(
  d: RunDisclosure,
  region: CloudRegion | null,
  service: ManagedService | undefined,
  prov: ProvenanceRecord,
): { gridZone: string; countryCode: string } {
  const country =
    d.countryCode === undefined
      ? undefined
      : countryRow(d.countryCode, "no annual grid intensity for this country");
  if (d.gridZone !== undefined) {
    const zone = findGridZone(d.gridZone);
    if (!zone)
      throw new UnknownReferenceError(
        "gridZone",
        d.gridZone,
        "not an Electricity Maps zone id such as US-NW-PACW or DE",
      );
    prov.gridZone = DISCLOSED;
    prov.countryCode = country ? DISCLOSED : countryOfZone(zone);
    return { gridZone: zone.id, countryCode: country?.code ?? zone.countryCode };
  }
  if (region) {
    prov.gridZone = zoneOfRegion(region);
    prov.countryCode = country ? DISCLOSED : countryOfRegion(region);
    return { gridZone: region.gridZone, countryCode: country?.code ?? region.countryCode };
  }
  if (service) {
    throw new InsufficientDataError(
      "cloudRegion",
      `${service.id} needs the region the job ran in (one of ${service.regions.join(", ")})`,
    );
  }
  if (country) {
    prov.gridZone = zoneOfCountry(country);
    prov.countryCode = DISCLOSED;
    return { gridZone: country.code, countryCode: country.code };
  }
  prov.countryCode = COUNTRY_US;
  prov.gridZone = ZONE_US;
  return { gridZone: defaults.defaultUsZone.value, countryCode: defaults.defaultCountry.value };
}

/**
 * Resolve the location of a run (rules in the module doc).
 * @throws UnknownReferenceError for an unknown cloudRegion, gridZone or countryCode (the field
 *   is named); InsufficientDataError("cloudRegion") for a managed service without its region.
 */
export function resolveLocation(
  d: RunDisclosure,
  service: ManagedService | undefined,
  prov: ProvenanceRecord,
): Location {
  const provider = d.cloudProvider ?? service?.provider;
  const region = findRegion(d, provider, service);
  if (d.cloudProvider !== undefined) prov.cloudProvider = DISCLOSED;
  else if (service) prov.cloudProvider = providerOfService(service);
  else if (region) prov.cloudProvider = providerOfRegion(region);
  if (d.cloudRegion !== undefined) prov.cloudRegion = DISCLOSED;
  const { gridZone, countryCode } = zoneAndCountry(d, region, service, prov);
  return {
    gridZone,
    countryCode,
    cloudProvider: region?.provider ?? provider ?? null,
    country: countryRow(countryCode, "no annual grid intensity or water factor for this country"),
    cloudRegion: region,
  };
}
