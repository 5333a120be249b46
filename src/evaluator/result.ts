/** What the evaluator answers (contract.md §2): the JSON `access-doctor check --json` prints. */

export {
  LOG_NOT_ALLOWED_DOMAIN,
  LOG_NO_PERMISSION,
  type EmailLogText,
  type Cause,
  type FixOwner,
  FIX_OWNERS,
} from './causes';
import type { Cause, EmailLogText, FixOwner } from './causes';
import type { FactSource } from './snapshot';

/** What the project's Customers page shows when an invite fails (domain.md §3), exactly. */
export const INVITE_COULD_NOT_ADD = (address: string) =>
  `The following customers could not be added: "${address}" Please check the email addresses and try again.`;
export const INVITE_INACTIVE =
  "This customer is inactive. You'll need to activate their account before you can invite them to the service project.";
export const INVITE_NONE_ADDED =
  'Successfully added 0 customers. The following customers could not be added.';
export const INVITE_NO_PERMISSION = "You don't have permission to invite customers to this service project.";

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
  /** Where it came from, in words (kept for readers of the text; `sourceOf` is the same as data). */
  source?: string;
  /** Where it came from: live (at, read), entered (by, at), the sample, or unknown (why). */
  sourceOf?: FactSource;
}

/** A value an unknown fact could take: the fact's snapshot path and the value. */
export interface PossibleValue {
  fact: string;
  value: string | boolean;
}

/**
 * What one case of an unknown fact gives. Several verdicts (or notifications) when other unknown
 * facts decide between them.
 */
export type PossibleOutcome =
  | {
      of: 'inbound';
      verdicts: ('accepted' | 'rejected' | 'undocumented')[];
      /** The causes that block in this case, in the order Jira meets them. */
      causes: Cause[];
      /** The accounts an accepted email uses in this case. */
      accounts: InboundAccount[];
    }
  | { of: 'invite'; notifications: Notification[] };

/** One value of an unknown fact and what it would give. */
export interface Possibility {
  /** "label = value", in words (kept for readers of the text; `when` is the same as data). */
  value: string;
  /** The outcome, in words (kept for readers of the text; `then` is the same as data). */
  outcome: string;
  when: PossibleValue;
  then: PossibleOutcome;
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

/**
 * Who can make a change (domain.md §5), least privileged first: an agent (the project's Customers
 * page), a project admin (Administer Projects), a Jira admin (Administer Jira), an organization admin
 * (admin.atlassian.com). A Change names the least privileged who can make it.
 */

export interface Change {
  id: string;
  action: string;
  /** Who can make it. */
  who: FixOwner;
  /** Atlassian's menu path to the settings page. */
  where: string;
  link?: string;
  patch: Patch[];
}

/**
 * The change of a fix made of one change: its words (action, who, where, link) are the fix's own, not
 * written twice. `changesOf` gives it with them.
 */
export type OnlyChange = Pick<Change, 'id' | 'patch'>;

export interface Fix {
  /** The first blocking cause this fix removes. */
  cause: Cause;
  /** Every cause it removes. */
  causes: Cause[];
  action: string;
  where: string;
  link?: string;
  /** Several changes, each with its words; or the one change, whose words are the fix's. */
  changes: Change[] | [OnlyChange];
  /** Who can make the whole fix: of its changes' owners, the most privileged. */
  who: FixOwner;
  /** Lets in more than one domain's people. */
  risky: boolean;
  /** Who else this lets in, in words. */
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
  /** When the invite fails: the exact text the project's Customers page shows (domain.md §3); else null. */
  error: string | null;
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

/** A fix's changes, each with its words (a fix of one change lends it its own). */
export function changesOf(fix: Fix): Change[] {
  if (fix.changes.length !== 1) return fix.changes as Change[];
  const [only] = fix.changes;
  return [
    {
      id: only.id,
      action: fix.action,
      who: fix.who,
      where: fix.where,
      ...(fix.link ? { link: fix.link } : {}),
      patch: only.patch,
    },
  ];
}
