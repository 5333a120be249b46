/** Errors the resolver turns into answers, and failed reads that leave facts unknown. */
import type { ErrorCode } from './keys';

/** A refusal or failure the caller should see as `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A read from an Atlassian API that failed: the message names the read ("could not read …: Jira answered 403 …"). */
export class ReadError extends Error {
  constructor(
    readonly read: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`could not read ${read}: ${reason}`);
    this.name = 'ReadError';
  }
}
