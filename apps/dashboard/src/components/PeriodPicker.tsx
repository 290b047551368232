/** Month / quarter / year / custom dates; the choice lives in the URL (period.ts). */
import type { ChangeEvent } from "react";
import { type Period, type PeriodKind, periodOfKind } from "../period";

const kinds: { kind: PeriodKind; label: string }[] = [
  { kind: "month", label: "Month" },
  { kind: "quarter", label: "Quarter" },
  { kind: "year", label: "Year" },
  { kind: "custom", label: "Custom" },
];

export function PeriodPicker({
  period,
  onChange,
}: {
  period: Period;
  onChange(search: Record<string, string>): void;
}) {
  const s = period.search;
  const set = (key: string) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (e.target.value !== "") onChange({ ...s, [key]: e.target.value });
  };
  return (
    <fieldset className="period-picker">
      <legend>Period (UTC)</legend>
      <label>
        Kind
        <select
          value={period.kind}
          onChange={(e) => onChange(periodOfKind(e.target.value as PeriodKind, period.from).search)}
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {period.kind === "month" && (
        <label>
          Month
          <input type="month" value={s.month} onChange={set("month")} />
        </label>
      )}
      {period.kind === "quarter" && (
        <label>
          Quarter (YYYY-Qn)
          <input
            type="text"
            pattern="\d{4}-Q[1-4]"
            defaultValue={s.quarter}
            onBlur={set("quarter")}
            size={8}
          />
        </label>
      )}
      {period.kind === "year" && (
        <label>
          Year
          <input type="number" min={1980} max={2100} defaultValue={s.year} onBlur={set("year")} />
        </label>
      )}
      {period.kind === "custom" && (
        <>
          <label>
            From
            <input type="date" value={s.from} onChange={set("from")} />
          </label>
          <label>
            To (inclusive)
            <input type="date" value={s.to} onChange={set("to")} />
          </label>
        </>
      )}
    </fieldset>
  );
}
