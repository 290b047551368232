import type { ReactNode } from "react";

/**
 * A horizontally scrollable container for a wide table (390 px screens), focusable so that
 * keyboard users can scroll it (WCAG 2.1.1; axe rule scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  labelledBy,
  children,
}: {
  label?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable
    <section className="table-scroll" tabIndex={0} aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
