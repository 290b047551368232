/**
 * Shared pieces of the services' integration tests: the header of an Electricity Maps hourly
 * CSV (the layout with `Low carbon percentage` / `Renewable percentage`, as the shipped
 * `../shared/data/grid_ci_hourly/electricitymaps_*` files) and a logger that drops everything.
 */
export const ELECTRICITY_MAPS_CSV_HEADER =
  "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (LCA),Low carbon percentage,Renewable percentage,Data source,Data estimated,Data estimation method\n";

/** A `ServiceDeps["log"]` that discards every line. */
export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
