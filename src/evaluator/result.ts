/** What the evaluator answers (contract.md §2): the JSON `access-doctor check --json` prints. */

export { LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION, type EmailLogText, type Cause, type Who } from './causes';
import type { Cause, EmailLogText } from './causes';

export type Verdict = 'accepted' | 'rejected' | 'unknown';
export type InboundAccount = 'existing' | 'atlassian-account' | 'portal-only-account';
export type CheckResult = 'pass' | 'fail' | 'unknown' | 'skipped';
export type Notification =
  | 'atlassian-account-invitation'
  | 'jsm-customer-notification'
  | 'no-notification-error'
  | 'no-notification'
  | 'unknown';

/** A fact a check read, with its value (undefined: unknown) and where it came from. */
export interface FactUsed {
  /** Snapshot path, e.g. "customerAccess.external". */
  fact: string;
  /** Atlassian's own name for it. */
  label: string;
  value?: unknown;
  source?: string;
}

/** One value of an unknown fact and what it would give. */
export interface Possibility {
  value: string;
  outcome: string;
}

export interface Check {
  id: string;
  title: string;
  result: CheckResult;
  detail: string;
  facts: FactUsed[];
  /** When result is "unknown": what each value of the missing fact would give. */
  possibilities?: Possibility[];
  cause?: Cause;
}

/** One edit to the snapshot; machine-applicable so a fix can be re-evaluated. */
export type Patch =
  | { op: 'set'; path: string[]; value: unknown }
  | { op: 'add'; path: string[]; value: string }
  | { op: 'remove'; path: string[]; value: string }
  | { op: 'delete'; path: string[] };

export interface Change {
  id: string;
  action: string;
  /** Atlassian's menu path to the settings page. */
  where: string;
  link?: string;
  patch: Patch[];
}

export interface Fix {
  /** The first blocking cause this fix removes. */
  cause: Cause;
  /** Every cause it removes. */
  causes: Cause[];
  action: string;
  where: string;
  link?: string;
  changes: Change[];
  /** Grants access beyond this sender's own domain. */
  risky: boolean;
  /** Who else this lets in. */
  letsIn: string;
  /** The snapshot lacks facts: after this fix the outcome turns on them (see the unknown checks), no cause remains. */
  leavesUnknown?: boolean;
}

export interface InboundDiagnosis {
  verdict: Verdict;
  account: InboundAccount | null;
  log: EmailLogText | null;
  causes: Cause[];
  checks: Check[];
  fixes: Fix[];
  /** Facts the outcome turns on, when the verdict is unknown. */
  turnsOn: string[];
  summary: string;
}

export interface InviteDiagnosis {
  notification: Notification;
  /** What the agent sees or the customer receives, in Atlassian's words. */
  detail: string;
  checks: Check[];
  turnsOn: string[];
}

export interface Diagnosis {
  email: string;
  project: string | null;
  projectName?: string;
  inbound: InboundDiagnosis;
  invite: InviteDiagnosis;
}
