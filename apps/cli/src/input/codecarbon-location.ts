/**
 * Where and when a CodeCarbon row ran: its `region` + `country_iso_code` -> an Electricity Maps
 * grid zone (where one region maps to exactly one zone) and an IANA time zone, and the UTC
 * offset of CodeCarbon's naive local timestamps at that place and date (with DST).
 *
 * CodeCarbon writes `region` as the lower-cased region name of its geolocation lookup
 * (`codecarbon/external/geography.py`: "quebec", "california", "ile-de-france"...) and
 * `country_iso_code` as ISO 3166-1 alpha-3 ("CAN", "USA", "DNK"). Region names are compared
 * after `regionKey` (lower case, accents dropped, non-letters -> "-").
 *
 * Time zones: the region's zone from `regionTable` when listed, else the country's IANA zones as
 * the runtime's ICU/CLDR data lists them (`Intl.Locale#timeZones`, e.g. DK -> Europe/Copenhagen)
 * when they all have the same offset at that wall time, else (a country spanning several offsets
 * whose region is empty or not listed: "galicia", "minas gerais") the zone of the country's
 * capital (`capitalTimeZones`), said so in the result (`basis: "capital"`, with the offsets the
 * country spans then). Offsets come from luxon 3 (MIT, engines
 * node >= 12), which reads the runtime's IANA tz database; a wall time in a DST gap is moved
 * forward, an ambiguous one (DST end) takes luxon's choice, the earlier (summer) offset.
 */
import { referenceData } from "@finetrace/estimator";
import { DateTime } from "luxon";

/** A region CodeCarbon writes, with the grid zone it lies in (when one) and its time zone. */
interface RegionRow {
  /** Electricity Maps zone id (must exist in packages/estimator/data/grid-zones.json). */
  gridZone?: string;
  /** IANA time zone of (most of the population of) the region. */
  timeZone: string;
  /**
   * Set when the region spans several zones and `gridZone` is the one serving most of its load:
   * the zones it spans, the share and where that share is stated (shown as the zone's source).
   */
  majority?: string;
}

/**
 * Where the zone of a region comes from (shown as `gridZoneProvenance.source`). The US list maps
 * the states whose whole territory lies in one balancing authority of the EIA-930 footprints
 * (NYISO, ISO-NE, PJM, Hawaii) and, by `majorityRule`, the split states where one balancing
 * authority serves at least 80 % of the load as that authority or the state's utilities state
 * it (California, Texas, Tennessee, Virginia: `majority` of their rows); other split states
 * (Illinois: PJM + MISO, Washington, Florida...) keep the country. Canadian provinces, Australian
 * states, Danish bidding zones (DK1 west of the Great Belt, DK2 east), Corsica and Madeira are
 * one Electricity Maps zone each; so are the Indian, Japanese, Italian, Norwegian, Malaysian and
 * Brazilian regions of the tables below, each table with its source.
 */
const regionZoneSource =
  "Finetrace mapping of CodeCarbon regions to Electricity Maps zones: Canadian provinces, Australian states, Danish regions to DK1/DK2, Corsica, Madeira, US states lying wholly in one EIA-930 balancing authority (NY, New England but Maine, NJ, DE, MD, DC, PA, HI), Indian states to their regional grid, Japanese prefectures to their utility area, Italian regions to their market zone, Norwegian counties lying in one price area, Peninsular / East Malaysia, Brazilian states to their ONS subsystem";

/**
 * The rule for a region split between zones with one serving most of its load (the row's
 * `majority` follows it in the source). A run there is priced at that zone's intensity; one in
 * the rest of the region would differ (e.g. Los Angeles, LADWP 385 gCO2e/kWh vs CAISO 229 in
 * Electricity Maps' 2024 yearly averages): pass `gridZone` to override.
 */
const majorityRule =
  "Finetrace mapping of a US state split between balancing authorities to the one serving at least 80 % of its load (pass gridZone to override)";

const us = (timeZone: string, gridZone?: string, majority?: string): RegionRow => ({
  timeZone,
  gridZone,
  ...(majority ? { majority } : {}),
});
const NY = "America/New_York";
const CHI = "America/Chicago";
const DEN = "America/Denver";
const LA = "America/Los_Angeles";

/**
 * Regions of a one-time-zone country grouped by the grid zone they lie in: `{ zone: [names] }`
 * -> rows keyed by `regionKey` (English and local names as geolocation services write them).
 */
function zonesOf(timeZone: string, zones: Record<string, string[]>): Record<string, RegionRow> {
  const rows: Record<string, RegionRow> = {};
  for (const [gridZone, names] of Object.entries(zones)) {
    for (const name of names) rows[regionKey(name)] = { gridZone, timeZone };
  }
  return rows;
}

/**
 * India's five regional grids (Grid Controller of India, "Regional Load Despatch Centres": each
 * state belongs to one region), Electricity Maps zones IN-NO / IN-WE / IN-SO / IN-EA / IN-NE.
 */
const indiaRegions = zonesOf("Asia/Kolkata", {
  "IN-NO": [
    "Delhi",
    "National Capital Territory of Delhi",
    "Uttar Pradesh",
    "Punjab",
    "Haryana",
    "Rajasthan",
    "Himachal Pradesh",
    "Uttarakhand",
    "Jammu and Kashmir",
    "Chandigarh",
    "Ladakh",
  ],
  "IN-WE": [
    "Maharashtra",
    "Gujarat",
    "Madhya Pradesh",
    "Chhattisgarh",
    "Goa",
    "Dadra and Nagar Haveli and Daman and Diu",
  ],
  "IN-SO": ["Tamil Nadu", "Karnataka", "Kerala", "Telangana", "Andhra Pradesh", "Puducherry"],
  "IN-EA": ["West Bengal", "Bihar", "Jharkhand", "Odisha", "Sikkim"],
  "IN-NE": ["Assam", "Meghalaya", "Tripura", "Manipur", "Mizoram", "Nagaland", "Arunachal Pradesh"],
});

/**
 * Japan's ten utility service areas (Electricity Maps zones JP-*); prefectures split between two
 * areas (Shizuoka: Tokyo / Chubu at the Fuji river; Fukui: Hokuriku / Kansai) are not listed.
 */
const japanRegions = zonesOf("Asia/Tokyo", {
  "JP-HKD": ["Hokkaido"],
  "JP-TH": ["Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Niigata"],
  "JP-TK": ["Tokyo", "Kanagawa", "Saitama", "Chiba", "Ibaraki", "Tochigi", "Gunma", "Yamanashi"],
  "JP-CB": ["Aichi", "Gifu", "Mie", "Nagano"],
  "JP-HR": ["Toyama", "Ishikawa"],
  "JP-KN": ["Osaka", "Kyoto", "Hyogo", "Nara", "Shiga", "Wakayama"],
  "JP-CG": ["Hiroshima", "Okayama", "Yamaguchi", "Tottori", "Shimane"],
  "JP-SK": ["Tokushima", "Kagawa", "Ehime", "Kochi"],
  "JP-KY": ["Fukuoka", "Saga", "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima"],
  "JP-ON": ["Okinawa"],
});

/**
 * Italy's market zones by region (Terna, "Zone di mercato", from 2021: Nord, Centro-Nord,
 * Centro-Sud, Sud, Sicilia, Sardegna; Electricity Maps IT-NO / IT-CNO / IT-CSO / IT-SO / IT-SIC /
 * IT-SAR). Umbria (moved between zones in 2021) and Calabria (its own zone since 2021) are not
 * listed.
 */
const italyRegions = zonesOf("Europe/Rome", {
  "IT-NO": [
    "Lombardy",
    "Lombardia",
    "Piedmont",
    "Piemonte",
    "Veneto",
    "Liguria",
    "Emilia-Romagna",
    "Friuli Venezia Giulia",
    "Friuli-Venezia Giulia",
    "Trentino-Alto Adige",
    "Trentino-South Tyrol",
    "Aosta Valley",
    "Valle d'Aosta",
  ],
  "IT-CNO": ["Tuscany", "Toscana", "Marche"],
  "IT-CSO": ["Lazio", "Campania", "Abruzzo"],
  "IT-SO": ["Apulia", "Puglia", "Basilicata", "Molise"],
  "IT-SIC": ["Sicily", "Sicilia"],
  "IT-SAR": ["Sardinia", "Sardegna"],
});

/**
 * Norway's price areas where a county lies in one (Statnett bidding zones: NO1 east, NO2
 * south-west, NO3 central, NO4 north); counties the borders cut (Vestland, Vestfold og Telemark,
 * Viken, Innlandet) are not listed.
 */
const norwayRegions = zonesOf("Europe/Oslo", {
  "NO-NO1": ["Oslo"],
  "NO-NO2": ["Rogaland", "Agder"],
  "NO-NO3": ["Trøndelag", "Trondelag", "Møre og Romsdal", "More og Romsdal"],
  "NO-NO4": ["Nordland", "Troms og Finnmark", "Troms", "Finnmark"],
});

/** Peninsular (MY-WM) and East Malaysia (MY-EM): separate grids (TNB; SESB / SEB). */
const malaysiaRegions = zonesOf("Asia/Kuala_Lumpur", {
  "MY-WM": [
    "Kuala Lumpur",
    "Selangor",
    "Penang",
    "Pulau Pinang",
    "Johor",
    "Perak",
    "Kedah",
    "Kelantan",
    "Terengganu",
    "Pahang",
    "Negeri Sembilan",
    "Melaka",
    "Malacca",
    "Perlis",
    "Putrajaya",
  ],
  "MY-EM": ["Sabah", "Sarawak", "Labuan"],
});

/**
 * Brazil's interconnected subsystems by state (ONS, "Subsistemas": Sudeste/Centro-Oeste, Sul,
 * Nordeste, Norte; Electricity Maps BR-CS / BR-S / BR-NE / BR-N), with each state's time zone.
 */
const brazilRegions: Record<string, RegionRow> = {
  ...zonesOf("America/Sao_Paulo", {
    "BR-CS": [
      "Sao Paulo",
      "São Paulo",
      "Rio de Janeiro",
      "Minas Gerais",
      "Espirito Santo",
      "Espírito Santo",
      "Goias",
      "Goiás",
      "Federal District",
      "Distrito Federal",
    ],
    "BR-S": ["Parana", "Paraná", "Santa Catarina", "Rio Grande do Sul"],
    "BR-NE": [
      "Bahia",
      "Sergipe",
      "Alagoas",
      "Pernambuco",
      "Paraiba",
      "Paraíba",
      "Rio Grande do Norte",
      "Ceara",
      "Ceará",
      "Piaui",
      "Piauí",
    ],
    "BR-N": ["Para", "Pará", "Tocantins", "Maranhao", "Maranhão", "Amapa", "Amapá"],
  }),
  // States off Brasília time (UTC-03:00, the capital's, which every other state keeps).
  acre: { gridZone: "BR-CS", timeZone: "America/Rio_Branco" },
  amazonas: { gridZone: "BR-N", timeZone: "America/Manaus" },
  "mato-grosso": { gridZone: "BR-CS", timeZone: "America/Cuiaba" },
  "mato-grosso-do-sul": { gridZone: "BR-CS", timeZone: "America/Campo_Grande" },
  rondonia: { gridZone: "BR-CS", timeZone: "America/Porto_Velho" },
  roraima: { timeZone: "America/Boa_Vista" },
};

/** US states and D.C. by `regionKey` of their name. */
const usStates: Record<string, RegionRow> = {
  alabama: us(CHI),
  alaska: us("America/Anchorage", "US-AK"),
  arizona: us("America/Phoenix"),
  arkansas: us(CHI),
  california: us(
    LA,
    "US-CAL-CISO",
    "California spans CAISO, LADWP, BANC, IID and TID; CAISO manages the flow of electricity for about 80 % of California (caiso.com, 'The ISO grid')",
  ),
  colorado: us(DEN),
  connecticut: us(NY, "US-NE-ISNE"),
  delaware: us(NY, "US-MIDA-PJM"),
  "district-of-columbia": us(NY, "US-MIDA-PJM"),
  florida: us(NY),
  georgia: us(NY),
  hawaii: us("Pacific/Honolulu", "US-HI"),
  idaho: us("America/Boise"),
  illinois: us(CHI),
  indiana: us("America/Indiana/Indianapolis"),
  iowa: us(CHI),
  kansas: us(CHI),
  kentucky: us("America/Kentucky/Louisville"),
  louisiana: us(CHI),
  maine: us(NY),
  maryland: us(NY, "US-MIDA-PJM"),
  massachusetts: us(NY, "US-NE-ISNE"),
  michigan: us("America/Detroit"),
  minnesota: us(CHI),
  mississippi: us(CHI),
  missouri: us(CHI),
  montana: us(DEN),
  nebraska: us(CHI),
  nevada: us(LA),
  "new-hampshire": us(NY, "US-NE-ISNE"),
  "new-jersey": us(NY, "US-MIDA-PJM"),
  "new-mexico": us(DEN),
  "new-york": us(NY, "US-NY-NYIS"),
  "north-carolina": us(NY),
  "north-dakota": us(CHI),
  ohio: us(NY),
  oklahoma: us(CHI),
  oregon: us(LA),
  pennsylvania: us(NY, "US-MIDA-PJM"),
  "rhode-island": us(NY, "US-NE-ISNE"),
  "south-carolina": us(NY),
  "south-dakota": us(CHI),
  tennessee: us(
    CHI,
    "US-TEN-TVA",
    "TVA serves virtually all of Tennessee's 95 counties, 99.7 % of its area (tva.com, 'TVA in Tennessee'); a few border areas lie in other balancing authorities",
  ),
  texas: us(
    CHI,
    "US-TEX-ERCO",
    "Texas spans ERCOT, SPP, MISO and El Paso Electric; ERCOT serves about 90 % of the state's electric load (ercot.com, 'About ERCOT')",
  ),
  utah: us(DEN),
  vermont: us(NY, "US-NE-ISNE"),
  virginia: us(
    NY,
    "US-MIDA-PJM",
    "Dominion Energy (~2.5 million Virginia customers), Appalachian Power (~530,000) and most cooperatives lie in PJM; Old Dominion Power (~30,000, LG&E-KU) and TVA-served cooperatives in the far south-west do not (virginiaplaces.org, 'Investor-owned utilities', after the State Corporation Commission)",
  ),
  washington: us(LA),
  "west-virginia": us(NY),
  wisconsin: us(CHI),
  wyoming: us(DEN),
};

/**
 * USPS state codes ("CA", "TX") -> `usStates` keys: some CodeCarbon-format writers (e.g. a
 * Node.js port) put the code in `region` where CodeCarbon writes the name.
 */
const usPostalCodes: Record<string, string> = {
  al: "alabama",
  ak: "alaska",
  az: "arizona",
  ar: "arkansas",
  ca: "california",
  co: "colorado",
  ct: "connecticut",
  de: "delaware",
  dc: "district-of-columbia",
  fl: "florida",
  ga: "georgia",
  hi: "hawaii",
  id: "idaho",
  il: "illinois",
  in: "indiana",
  ia: "iowa",
  ks: "kansas",
  ky: "kentucky",
  la: "louisiana",
  me: "maine",
  md: "maryland",
  ma: "massachusetts",
  mi: "michigan",
  mn: "minnesota",
  ms: "mississippi",
  mo: "missouri",
  mt: "montana",
  ne: "nebraska",
  nv: "nevada",
  nh: "new-hampshire",
  nj: "new-jersey",
  nm: "new-mexico",
  ny: "new-york",
  nc: "north-carolina",
  nd: "north-dakota",
  oh: "ohio",
  ok: "oklahoma",
  or: "oregon",
  pa: "pennsylvania",
  ri: "rhode-island",
  sc: "south-carolina",
  sd: "south-dakota",
  tn: "tennessee",
  tx: "texas",
  ut: "utah",
  vt: "vermont",
  va: "virginia",
  wa: "washington",
  wv: "west-virginia",
  wi: "wisconsin",
  wy: "wyoming",
};

function usPostalAliases(states: Record<string, RegionRow>): Record<string, RegionRow> {
  return Object.fromEntries(
    Object.entries(usPostalCodes).flatMap(([code, name]) => {
      const row = states[name];
      return row ? [[code, row]] : [];
    }),
  );
}

/** Region tables by alpha-2 country, keyed by `regionKey` of CodeCarbon's `region`. */
const regionTable: Record<string, Record<string, RegionRow>> = {
  IN: indiaRegions,
  JP: japanRegions,
  IT: italyRegions,
  NO: norwayRegions,
  MY: malaysiaRegions,
  BR: brazilRegions,
  US: { ...usStates, ...usPostalAliases(usStates) },
  CA: {
    quebec: { gridZone: "CA-QC", timeZone: "America/Toronto" },
    ontario: { gridZone: "CA-ON", timeZone: "America/Toronto" },
    "british-columbia": { gridZone: "CA-BC", timeZone: "America/Vancouver" },
    alberta: { gridZone: "CA-AB", timeZone: "America/Edmonton" },
    manitoba: { gridZone: "CA-MB", timeZone: "America/Winnipeg" },
    saskatchewan: { gridZone: "CA-SK", timeZone: "America/Regina" },
    "nova-scotia": { gridZone: "CA-NS", timeZone: "America/Halifax" },
    "new-brunswick": { gridZone: "CA-NB", timeZone: "America/Moncton" },
    "newfoundland-and-labrador": { gridZone: "CA-NL", timeZone: "America/St_Johns" },
    "prince-edward-island": { gridZone: "CA-PE", timeZone: "America/Halifax" },
    yukon: { gridZone: "CA-YT", timeZone: "America/Whitehorse" },
    "northwest-territories": { gridZone: "CA-NT", timeZone: "America/Edmonton" },
  },
  AU: {
    "new-south-wales": { gridZone: "AU-NSW", timeZone: "Australia/Sydney" },
    "australian-capital-territory": { gridZone: "AU-NSW", timeZone: "Australia/Sydney" },
    victoria: { gridZone: "AU-VIC", timeZone: "Australia/Melbourne" },
    queensland: { gridZone: "AU-QLD", timeZone: "Australia/Brisbane" },
    "south-australia": { gridZone: "AU-SA", timeZone: "Australia/Adelaide" },
    tasmania: { gridZone: "AU-TAS", timeZone: "Australia/Hobart" },
    "western-australia": { gridZone: "AU-WA", timeZone: "Australia/Perth" },
    "northern-territory": { gridZone: "AU-NT", timeZone: "Australia/Darwin" },
  },
  DK: {
    "capital-region": { gridZone: "DK-DK2", timeZone: "Europe/Copenhagen" },
    "capital-region-of-denmark": { gridZone: "DK-DK2", timeZone: "Europe/Copenhagen" },
    hovedstaden: { gridZone: "DK-DK2", timeZone: "Europe/Copenhagen" },
    zealand: { gridZone: "DK-DK2", timeZone: "Europe/Copenhagen" },
    sjaelland: { gridZone: "DK-DK2", timeZone: "Europe/Copenhagen" },
    "central-jutland": { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
    midtjylland: { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
    "north-denmark": { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
    nordjylland: { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
    "south-denmark": { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
    syddanmark: { gridZone: "DK-DK1", timeZone: "Europe/Copenhagen" },
  },
  FR: {
    corsica: { gridZone: "FR-COR", timeZone: "Europe/Paris" },
    corse: { gridZone: "FR-COR", timeZone: "Europe/Paris" },
  },
  ES: {
    "canary-islands": { timeZone: "Atlantic/Canary" },
    canarias: { timeZone: "Atlantic/Canary" },
  },
  PT: {
    azores: { timeZone: "Atlantic/Azores" },
    madeira: { gridZone: "PT-MA", timeZone: "Atlantic/Madeira" },
  },
};

/**
 * IANA zone of the capital of each country whose CLDR zones span several UTC offsets (computed
 * from the runtime's `Intl.Locale#timeZones`; Antarctica and the US Minor Outlying Islands have no
 * capital and stay unresolved): the offset assumed for a row whose region is empty or not in
 * `regionTable`. Zone names as CLDR lists them (IANA tz database, zone1970.tab).
 */
export const capitalTimeZones: Readonly<Record<string, string>> = {
  AU: "Australia/Sydney", // Canberra
  BR: "America/Sao_Paulo", // Brasília
  CA: "America/Toronto", // Ottawa
  CD: "Africa/Kinshasa",
  CL: "America/Santiago",
  CN: "Asia/Shanghai", // Beijing
  EC: "America/Guayaquil", // Quito
  ES: "Europe/Madrid",
  FM: "Pacific/Ponape", // Palikir
  GL: "America/Godthab", // Nuuk
  ID: "Asia/Jakarta",
  KI: "Pacific/Tarawa",
  KZ: "Asia/Almaty", // Astana
  MN: "Asia/Ulaanbaatar",
  MX: "America/Mexico_City",
  NZ: "Pacific/Auckland", // Wellington
  PF: "Pacific/Tahiti", // Papeete
  PG: "Pacific/Port_Moresby",
  PT: "Europe/Lisbon",
  RU: "Europe/Moscow",
  UA: "Europe/Kiev", // Kyiv
  US: "America/New_York", // Washington, D.C.
};

/** "Île-de-France" -> "ile-de-france", "New York" -> "new-york", "  Québec " -> "quebec". */
export function regionKey(region: string): string {
  return region
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The listed row of a region, or undefined. `countryCode` is ISO 3166-1 alpha-2. */
export function findRegion(countryCode: string, region: string): RegionRow | undefined {
  return regionTable[countryCode.toUpperCase()]?.[regionKey(region)];
}

/** Every grid zone the region tables name (a test checks each exists in the reference data). */
export function mappedGridZones(): string[] {
  return Object.values(regionTable).flatMap((rows) =>
    Object.values(rows).flatMap((r) => (r.gridZone ? [r.gridZone] : [])),
  );
}

const knownZones = new Set(referenceData.gridZones.map((z) => z.id));

/**
 * The Electricity Maps zone of a CodeCarbon region and where the mapping comes from
 * (`regionZoneSource`, or `majorityRule` + the row's `majority` for a split US state), or
 * undefined (then the country is used).
 */
export function gridZoneOfRegion(
  countryCode: string,
  region: string,
): { gridZone: string; source: string } | undefined {
  const row = findRegion(countryCode, region);
  if (!row?.gridZone || !knownZones.has(row.gridZone)) return undefined;
  const source = row.majority ? `${majorityRule}: ${row.majority}` : regionZoneSource;
  return { gridZone: row.gridZone, source };
}

/** IANA zones of a country from the runtime's CLDR data (`Intl.Locale#timeZones`). */
function countryTimeZones(countryCode: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${countryCode.toUpperCase()}`) as Intl.Locale & {
      timeZones?: string[];
      getTimeZones?: () => string[];
    };
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

/** A naive local timestamp resolved to an instant: the zone used and its offset then. */
export interface LocalTimeResolution {
  epochMs: number;
  timeZone: string;
  /** Offset of that zone at that wall time, "+02:00". */
  offset: string;
  /**
   * Why that zone: the listed region's, the country's only offset, or the capital's (the region
   * is empty or not listed and the country spans `spannedOffsets`).
   */
  basis: "region" | "country" | "capital";
  /** basis "capital": every offset the country's zones have at that wall time, sorted. */
  spannedOffsets?: string[];
}

/** A wall time in a zone -> instant and offset; null when luxon cannot read it there. */
function inZone(
  wallTime: string,
  timeZone: string,
  basis: LocalTimeResolution["basis"],
): LocalTimeResolution | null {
  const dt = DateTime.fromISO(wallTime, { zone: timeZone });
  if (!dt.isValid) return null;
  return { epochMs: dt.toMillis(), timeZone, offset: dt.toFormat("ZZ"), basis };
}

/** Whether `text` is an ISO 8601 date-time ("2023-07-15T10:00:00", with or without offset). */
export function isIsoDateTime(text: string): boolean {
  return DateTime.fromISO(text, { zone: "UTC" }).isValid;
}

/**
 * Resolve CodeCarbon's naive local `wallTime` ("2023-07-15T10:00:00") at a place.
 * @param countryCode ISO 3166-1 alpha-2; @param region CodeCarbon's `region` cell (may be "").
 * @returns the instant and the zone/offset used (see `LocalTimeResolution.basis`), or an error
 *   message when the wall time is not a date-time, or the place has no offset to use (no
 *   country, a country without a known zone, or one spanning several offsets without a capital
 *   in `capitalTimeZones`).
 */
export function resolveLocalTime(
  wallTime: string,
  countryCode: string,
  region: string,
): LocalTimeResolution | { error: string } {
  if (!isIsoDateTime(wallTime)) {
    return { error: `"${wallTime}" is not a date-time` };
  }
  if (countryCode === "") {
    return { error: "has no offset and the row has no country: pass --codecarbon-utc-offset" };
  }
  const invalid = { error: `"${wallTime}" is invalid` };
  const listed = findRegion(countryCode, region);
  if (listed) return inZone(wallTime, listed.timeZone, "region") ?? invalid;
  const candidates = countryTimeZones(countryCode).flatMap(
    (tz) => inZone(wallTime, tz, "country") ?? [],
  );
  const offsets = [...new Set(candidates.map((c) => c.offset))].sort();
  const first = candidates[0];
  if (first && offsets.length === 1) return first;
  const capital = capitalTimeZones[countryCode.toUpperCase()];
  if (capital && offsets.length > 1) {
    const resolved = inZone(wallTime, capital, "capital");
    return resolved ? { ...resolved, spannedOffsets: offsets } : invalid;
  }
  return {
    error:
      offsets.length === 0
        ? `has no offset and country ${countryCode} has no known time zone: pass --codecarbon-utc-offset`
        : `has no offset and ${countryCode} spans UTC offsets ${offsets.join(", ")} (region "${region}" not listed): pass --codecarbon-utc-offset`,
  };
}
