/** Loading, empty and error states, announced to screen readers. */
import type { CombinedError } from "urql";

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <p className="state state-empty" role="status">
      {children}
    </p>
  );
}

export function ErrorState({ error }: { error: CombinedError | Error }) {
  return (
    <p className="state state-error" role="alert">
      Could not load: {error.message}
    </p>
  );
}
