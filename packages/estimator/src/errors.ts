/**
 * Typed errors of the estimator. Every error names the field it is about, so API and CLI
 * callers can report `field: problem` without parsing messages.
 */

/** One problem with one field of a disclosure. `path` is dotted, e.g. "gpuUtilizationFraction". */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Base class: an input the estimator cannot use. */
export class EstimatorInputError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The disclosure failed schema validation (types, ranges, naive timestamps, NaN...). */
export class DisclosureValidationError extends EstimatorInputError {
  constructor(issues: FieldIssue[]) {
    super(
      `invalid run disclosure: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
      issues,
    );
  }
}

/** A disclosed value is well-formed but unknown to the reference data (GPU, region, zone...). */
export class UnknownReferenceError extends EstimatorInputError {
  constructor(
    readonly field: string,
    readonly value: string,
    hint?: string,
  ) {
    super(`${field}: unknown value "${value}"${hint ? ` (${hint})` : ""}`, [
      { path: field, message: `unknown value "${value}"${hint ? ` (${hint})` : ""}` },
    ]);
  }
}

/** The disclosure is valid but not enough to estimate (e.g. neither duration nor tokens). */
export class InsufficientDataError extends EstimatorInputError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, [{ path: field, message }]);
  }
}
