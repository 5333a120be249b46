import type { Snapshot } from './snapshot';
import type { Diagnosis } from './result';

/** Headers of one inbound message (names compare case-insensitively). */
export type MessageHeaders = Record<string, string>;

export interface DiagnoseOptions {
  /** Project key; optional when the snapshot has exactly one project. */
  project?: string;
  /** Headers of the message, when known: turns on the email channel's header filters. */
  headers?: MessageHeaders;
  /** Compute fixes (default true). */
  fixes?: boolean;
}

export class DiagnoseError extends Error {
  constructor(
    readonly code: 'invalid-address' | 'unknown-project' | 'no-project',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'DiagnoseError';
  }
}

/** A snapshot with its lookups indexed once (domain sets, account map), for many diagnoses. */
export interface PreparedSite {
  readonly snapshot: Snapshot;
}

export function prepareSite(snapshot: Snapshot): PreparedSite {
  return { snapshot };
}

/** What happens when EMAIL writes to the project, and what an invite would send. */
export function diagnose(
  _site: Snapshot | PreparedSite,
  _email: string,
  _options: DiagnoseOptions = {},
): Diagnosis {
  throw new Error('not implemented yet');
}
