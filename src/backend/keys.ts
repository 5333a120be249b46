/**
 * The resolver's keys: what each page may invoke, its payload and its answer.
 * Types only, so the pages import them without pulling in backend code.
 * contract.md §3 fixes `getSnapshot` and `diagnose`; the rest serve the pages.
 */
import type { z } from 'zod';
import type { ApprovedDomainRole, Diagnosis, DecisionMatrix, Snapshot, BulkReport } from '../evaluator';
import type { payloads } from './schemas';

/** `conflict`: someone else saved the same settings after the page was opened; nothing was written. */
export type ErrorCode = 'forbidden' | 'invalid-input' | 'upstream' | 'not-found' | 'conflict' | 'internal';

export type Answer<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

export interface ServiceDeskSummary {
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
}

/** Who is calling and from where: decided on the server from the trusted invocation context. */
export interface CallerView {
  /** 'admin': the Jira admin page; 'project': a service project's settings page. */
  page: 'admin' | 'project';
  /** The project of the project settings page (from the context, never the payload). */
  projectKey?: string;
  isJiraAdmin: boolean;
}

export interface AppState {
  caller: CallerView;
  /** The site snapshot as the caller may see it (a project admin: only their project), with sources. */
  snapshot: Snapshot;
  /** Service desks the caller may check senders against. */
  serviceDesks: ServiceDeskSummary[];
  /** Organization API key for the Admin API: only whether one is set, never the key. */
  adminApi: { keySet: boolean; orgId?: string };
  /** Sections whose entered facts were not confirmed for 90 days. */
  stale: string[];
  /** Reads that failed: what could not be read and why. */
  unreadable: Record<string, string>;
  /** Admin page only: what a Jira admin confirmed each unrecognised approved-domain role id means. */
  roleMeanings?: Record<string, { role: ApprovedDomainRole; by: string; at: string }>;
  /** After a save: 'unchanged' when the values were those already entered (nothing was written). */
  saved?: 'saved' | 'unchanged';
}

export type DiagnoseAnswer = Diagnosis & {
  matrix?: DecisionMatrix;
  /** The snapshot the diagnosis was made on (only this project and this sender), with sources and unreadable. */
  snapshot?: Snapshot;
};

/**
 * What each key answers. A key here without a payload schema in schemas.ts (or one there without
 * its answer here) is a compile error.
 */
export interface ResolverData {
  /** One batched read for a page's first render. */
  getAppState: AppState;
  getSnapshot: Snapshot;
  /** `headers`: the message's headers, when known (e.g. { "Precedence": "bulk" }), turn on the email filters. */
  diagnose: DiagnoseAnswer;
  diagnoseBulk: BulkReport;
  /** Save (or clear, with value {}) admin-entered facts; answers the new app state. */
  saveSettings: AppState;
  /** Confirm entered facts are still true (resets the 90-day clock). */
  confirmSettings: AppState;
  setApiKey: AppState;
  /** Admin page: what an approved-domain role id the app does not recognise means (kept with who and when). */
  saveRoleMeaning: AppState;
  clearApiKey: AppState;
  /** Drop cached live reads and read again. */
  refresh: AppState;
}

export type ResolverKey = keyof ResolverData;

/** Each key's payload as a page sends it (its schema's input, schemas.ts) and the data it answers. */
export type ResolverKeys = {
  [K in ResolverKey]: { payload: z.input<(typeof payloads)[K]>; data: ResolverData[K] };
};

/** The payload of `saveSettings` (contract.md §3): a section and its value, or a project's facts. */
export type SettingsSection = ResolverKeys['saveSettings']['payload'];
