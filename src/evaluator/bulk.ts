import type { Snapshot } from './snapshot';
import type { Cause, Diagnosis, Verdict } from './result';
import type { PreparedSite, DiagnoseOptions } from './diagnose';

export type BulkLine = { input: string; diagnosis: Diagnosis } | { input: string; error: string };

export interface BulkReport {
  lines: BulkLine[];
  /** Counts by verdict, plus lines that were not addresses. */
  counts: Record<Verdict | 'invalid', number>;
  /** Groups by verdict and first cause, largest first. */
  groups: { verdict: Verdict; cause: Cause | null; log: string | null; count: number; emails: string[] }[];
}

/**
 * Addresses from text: one per line, or a CSV whose header row has an "email" column
 * (such as an export of the email log). Blank lines are skipped.
 */
export function readAddressLines(_text: string): string[] {
  throw new Error('not implemented yet');
}

/** Diagnoses every line against one snapshot; a bad line never stops the run. */
export function bulkDiagnose(
  _site: Snapshot | PreparedSite,
  _lines: string[],
  _options: DiagnoseOptions = {},
): BulkReport {
  throw new Error('not implemented yet');
}
