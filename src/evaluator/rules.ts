/**
 * The rules of domain.md §2 (an email arrives) and §3 (an agent invites), for one assignment of
 * every fact they read. `explore` runs them over every value an unknown fact could take.
 */
import type { FactKey, FactValue, Facts } from './facts';
import type { FixId } from './fixes';
import type { HeaderCause, MessageHeaders } from './headers';
import { headerFilters } from './headers';
import type { ApprovedDomainRole } from './snapshot';
import type { SourceTag } from './sources';
import { ROLE_LABEL } from './vocabulary';
import {
  INVITE_COULD_NOT_ADD,
  INVITE_INACTIVE,
  INVITE_NONE_ADDED,
  INVITE_NO_PERMISSION,
  type Cause,
  type CheckResult,
  type InboundAccount,
  type Notification,
} from './result';

/** How a rule reads a fact: the only way in. An unknown fact's value is chosen by `explore`. */
export type Read = (key: FactKey) => FactValue;

export interface PathCheck {
  id: string;
  title: string;
  result: CheckResult;
  detail: string;
  facts: FactKey[];
  cause?: Cause;
}

export interface InboundPath {
  /** "undocumented": Atlassian documents no outcome for this case. */
  verdict: 'accepted' | 'rejected' | 'undocumented';
  account: InboundAccount | null;
  causes: Cause[];
  /** An undocumented step comes before the first cause: what the email log shows is not known. */
  logUnknown: boolean;
  checks: PathCheck[];
}

export interface InvitePath {
  notification: Notification;
  detail: string;
  /** The exact text the Customers page shows when the invite fails. */
  error: string | null;
  checks: PathCheck[];
}

/**
 * What a rule may know beside the facts it reads: the address, the project, the headers, and the
 * words a fact was found with. No fact's value: a rule reads values only through `read`, which
 * tracks the unknown ones.
 */
export interface RuleContext {
  email: string;
  domain: string;
  project: string | null;
  headers?: MessageHeaders;
  /** How a fact's value was found, in words ("contractor.io is listed with the role No access"). */
  note: (key: FactKey) => string | undefined;
}

/** The rule context of a diagnosis: its facts' notes, never their values. */
export function ruleContext(
  facts: Facts,
  at: { email: string; domain: string; project: string | null; headers?: MessageHeaders },
): RuleContext {
  return { ...at, note: (key) => facts[key].note };
}

/** A check a step reports; the id and, unless it says otherwise, the title are the step's. */
type StepCheck<C extends Cause> = Omit<PathCheck, 'id' | 'title' | 'cause'> & { title?: string; cause?: C };

/**
 * One step of the rule book (domain.md §2 or §3). Its position in its table is its order; its
 * causes' email-log lines, owners and words are the cause table's (causes.ts); each cause lists the
 * fix candidates (fixes.ts) that answer it.
 */
export interface Step<S, C extends Cause = Cause> {
  id: string;
  title: string;
  /** The facts it may read. */
  reads: readonly FactKey[];
  /** What it decides, in the rule book's words (docs/rules.md is generated from them). */
  decides: string;
  /** When it applies, in words: present exactly when `applies` is. */
  when?: string;
  /** The Atlassian pages it follows (sources.ts). */
  sources: readonly SourceTag[];
  /** The causes it may decide, each with the changes that can remove it (none: see the cause's advice). */
  causes: { readonly [K in C]: readonly FixId[] };
  /** When it applies; absent: always. */
  applies?(state: S): boolean;
  /** What it decides: the checks it reports, updating the state later steps read. */
  decide(read: Read, ctx: RuleContext, state: S): StepCheck<C> | StepCheck<C>[];
}

/** A step as its table holds it. */
export type TableStep<S> = Omit<Step<S, Cause>, 'causes'> & {
  causes: Partial<Record<Cause, readonly FixId[]>>;
};

/** A step whose checks may name only the causes it declares. */
const step = <S, C extends Cause = never>(s: Step<S, C>): TableStep<S> => s as TableStep<S>;

/** The changes that can let a new customer's account be created (domain.md §2.4). */
const ACCOUNT_TYPE_FIXES: readonly FixId[] = [
  'add-external-domain',
  'external-any-domain',
  'external-on',
  'approve-domain',
  'remove-domain-row',
  'any-domain-customer',
  'internal-on',
];

/** What the inbound steps pass on to the later ones. */
interface InboundState {
  causes: Cause[];
  undocumented: boolean;
  causesBeforeUndocumented: number;
  exists: boolean;
  type?: FactValue;
  creation?: FactValue;
  internal: boolean;
  external: boolean;
  created: InboundAccount | null;
  account: InboundAccount | null;
}

const GRANTS =
  'The permission scheme grants "Service Project Customer - Portal Access" Browse Projects and Create Issues.';
const NO_GRANTS =
  'The permission scheme does not grant "Service Project Customer - Portal Access" Browse Projects and Create Issues';

/** domain.md §2, in its order: what happens when an email arrives. */
export const INBOUND_STEPS: readonly TableStep<InboundState>[] = [
  step<InboundState, 'blocklisted'>({
    id: 'blocklist',
    title: 'Blocklist',
    reads: ['blocklist', 'allowlist'],
    decides:
      "Whether the address or its domain is on the project's blocklist (an exact address or an exact domain). A domain on both the allowlist and the blocklist is undocumented (open).",
    sources: ['BLOCK', 'ALLOW'],
    causes: { blocklisted: ['remove-from-blocklist', 'check-blocklist'] },
    decide(read, ctx, state) {
      // An unknown blocklist is explored like any other fact.
      const blocked = read('blocklist') === true;
      const both = blocked && read('allowlist') === true;
      if (both) state.undocumented = true;
      return {
        result: both ? 'unknown' : blocked ? 'fail' : 'pass',
        detail: both
          ? `${ctx.domain} is on both the allowlist and the blocklist; Atlassian does not document which wins (OPEN).`
          : blocked
            ? `${ctx.note('blocklist') ?? 'The address or its domain is on the blocklist'}: its mail is always filtered ("Rejected" in the email log).`
            : 'Neither the address nor its domain is on the blocklist.',
        facts: both ? ['blocklist', 'allowlist'] : ['blocklist'],
        cause: both ? undefined : 'blocklisted',
      };
    },
  }),
  step<InboundState, HeaderCause>({
    id: 'header-filters',
    title: 'Mail filters',
    reads: ['allowlist', 'mailbox'],
    decides:
      "Whether the message's headers trip one of the email channel's filters, applied before any account logic: a DMARC failure (only where mail arrives at the Atlassian-provided address), mail Jira sent itself, an automatic reply, bulk mail or a delivery report. A domain on the allowlist skips the last three. Not checked when the headers are not known.",
    sources: ['PROC', 'REJ', 'ALLOW', 'DMARC', 'DMARC-KB'],
    causes: {
      'dmarc-failed': [],
      'mail-loop': [],
      'auto-reply': ['add-to-allowlist'],
      'bulk-mail': ['add-to-allowlist'],
      'delivery-status': ['add-to-allowlist'],
    },
    decide(read, ctx) {
      if (!ctx.headers)
        return {
          result: 'skipped',
          detail:
            "Not checked: the message's headers are not known (Auto-Submitted, Precedence: bulk, delivery reports, DMARC).",
          facts: [],
        };
      const out: StepCheck<HeaderCause>[] = [];
      const hits = headerFilters(ctx.headers);
      // The allowlist is read only when it would skip a filter the headers trigger.
      const allowlisted = hits.some((hit) => hit.allowlistSkips) && read('allowlist') === true;
      let failed = 0;
      for (const hit of hits) {
        if (hit.allowlistSkips && allowlisted) continue;
        if (hit.cause === 'dmarc-failed') {
          // domain.md §1.4: enforced for the Atlassian-provided address, not for a custom mailbox.
          const custom = read('mailbox') === 'custom';
          if (!custom) failed++;
          out.push({
            title: hit.title,
            result: custom ? 'pass' : 'fail',
            detail: custom
              ? `${hit.detail} The project receives mail through a custom email account, where Jira does not apply its DMARC check.`
              : `${hit.detail} The project receives mail at the Atlassian-provided address, where DMARC validation is enforced and the allowlist does not override it: the email is blocked. Atlassian documents no email log text for this; look for the message with the status "Rejected" in the email log.`,
            facts: ['mailbox'],
            cause: hit.cause,
          });
          continue;
        }
        failed++;
        out.push({
          title: hit.title,
          result: 'fail',
          detail: hit.detail,
          facts: hit.allowlistSkips ? ['allowlist'] : [],
          cause: hit.cause,
        });
      }
      if (failed === 0 && !hits.some((hit) => hit.cause === 'dmarc-failed'))
        out.push({
          result: 'pass',
          detail: allowlisted
            ? `${ctx.domain} is on the allowlist: the auto-reply, bulk and delivery-status filters are skipped; no DMARC failure or mail loop seen.`
            : 'No auto-reply, bulk, delivery-status, DMARC or mail-loop header found.',
          facts: allowlisted ? ['allowlist'] : [],
        });
      return out;
    },
  }),
  // 2–3. The sender's existing account.
  step<InboundState>({
    id: 'account',
    title: 'Account',
    reads: ['accountExists'],
    decides:
      'Whether an account already uses the address. If none does, the email has to create one: the steps for a new customer decide whether it can.',
    sources: ['KB-PERM'],
    causes: {},
    decide(read, ctx, state) {
      state.exists = read('accountExists') === true;
      if (state.exists) state.account = 'existing';
      const name = ctx.note('accountExists');
      return {
        result: 'pass',
        detail: state.exists
          ? `An account already uses this address${name ? ` (${name})` : ''}.`
          : 'No account uses this address yet: the email would have to create one.',
        facts: ['accountExists'],
      };
    },
  }),
  step<InboundState, 'sender-suspended'>({
    id: 'account-status',
    title: 'Account status',
    reads: ['accountStatus', 'accountType'],
    decides:
      'Whether the account is active. A suspended account is refused; what happens to mail from a deactivated or closed account is undocumented (open).',
    when: 'an account uses the address',
    sources: ['KB-DOM', 'SUSP'],
    causes: { 'sender-suspended': ['restore-access'] },
    applies: (state) => state.exists,
    decide(read, _ctx, state) {
      const status = read('accountStatus');
      state.type = read('accountType');
      const typeName = state.type === 'atlassian' ? 'Atlassian account' : 'portal-only account';
      const facts: FactKey[] = ['accountStatus', 'accountType'];
      if (status === 'suspended')
        return {
          result: 'fail',
          detail: `The ${typeName} is suspended (site access suspended in admin.atlassian.com).`,
          facts,
          cause: 'sender-suspended',
        };
      if (status === 'active') return { result: 'pass', detail: `The ${typeName} is active.`, facts };
      if (!state.undocumented) state.causesBeforeUndocumented = state.causes.length;
      state.undocumented = true;
      return {
        result: 'unknown',
        detail: `The ${typeName} is ${status}. Atlassian does not document what happens to email from a ${status} account.`,
        facts,
      };
    },
  }),
  step<InboundState, 'duplicate-accounts'>({
    id: 'duplicate-accounts',
    title: 'Duplicate accounts',
    reads: ['duplicate'],
    decides: 'Whether a portal-only account and an Atlassian account share the address.',
    when: 'an account uses the address',
    sources: ['DUP'],
    causes: { 'duplicate-accounts': ['resolve-duplicate'] },
    applies: (state) => state.exists,
    decide(read) {
      const duplicate = read('duplicate') === true;
      return {
        result: duplicate ? 'fail' : 'pass',
        detail: duplicate
          ? 'A portal-only account and an Atlassian account share this address: neither can raise requests by email.'
          : 'Only one account uses this address.',
        facts: ['duplicate'],
        cause: 'duplicate-accounts',
      };
    },
  }),
  step<InboundState, 'no-customer-role'>({
    id: 'customer-role',
    title: 'Customer role',
    reads: ['customerRole'],
    decides:
      'Whether an Atlassian account has the Jira Service Management Customer role (or an agent licence). A portal-only account is a customer by definition.',
    when: 'an account uses the address',
    sources: ['KB-PERM', 'MIGR'],
    causes: { 'no-customer-role': ['grant-customer-role'] },
    applies: (state) => state.exists,
    decide(read, _ctx, state) {
      if (state.type !== 'atlassian')
        return { result: 'skipped', detail: 'A portal-only account is a customer by definition.', facts: [] };
      const role = read('customerRole') === true;
      return {
        result: role ? 'pass' : 'fail',
        detail: role
          ? 'The Atlassian account has the Jira Service Management Customer role (or an agent licence).'
          : 'The Atlassian account has no Jira Service Management Customer role and no agent licence (an "internal account").',
        facts: ['customerRole'],
        cause: 'no-customer-role',
      };
    },
  }),
  // 4. No account yet: can the email create one?
  step<InboundState, 'account-creation-disabled'>({
    id: 'portal-access',
    title: 'Portal access',
    reads: ['accountCreation'],
    decides: 'Whether customers may create their own accounts (Portal access).',
    when: 'no account uses the address yet',
    sources: ['KB-PERM', 'IMPACT'],
    causes: { 'account-creation-disabled': ['allow-account-creation', 'invite-customer'] },
    applies: (state) => !state.exists,
    decide(read, _ctx, state) {
      state.creation = read('accountCreation');
      return {
        result: state.creation === 'allowed' ? 'pass' : 'fail',
        detail:
          state.creation === 'allowed'
            ? 'Portal access is "Allow customers to create accounts".'
            : 'Portal access is "Don\'t allow customers to create their own accounts": email requests from unidentified customers won\'t be processed.',
        facts: ['accountCreation'],
        cause: 'account-creation-disabled',
      };
    },
  }),
  step<InboundState>({
    id: 'internal',
    title: 'Internal customers (approved domains)',
    reads: ['internal', 'role'],
    decides:
      "Whether Internal is on and the domain's role in Approved domains (its own row, else Any domain) is Customer: then the email creates an Atlassian account.",
    when: 'no account uses the address yet',
    sources: ['CA', 'AD', 'KB-DOM'],
    causes: {},
    applies: (state) => !state.exists,
    decide(read, ctx, state) {
      state.internal = read('internal') === true;
      if (!state.internal)
        return {
          result: 'fail',
          detail: 'Internal is off: approved domains create no accounts.',
          facts: ['internal'],
        };
      const role = read('role');
      const granted = role === 'customer';
      if (granted) state.created = 'atlassian-account';
      return {
        result: granted ? 'pass' : 'fail',
        detail: `Internal is on. ${ctx.note('role') ?? `The effective role is ${ROLE_LABEL[role as ApprovedDomainRole]}`}: ${
          granted
            ? 'an Atlassian account is created.'
            : 'no Customer role is granted, so no Atlassian account.'
        }`,
        facts: ['internal', 'role'],
      };
    },
  }),
  step<InboundState>({
    id: 'external',
    title: 'External customers (portal-only accounts)',
    reads: ['external', 'externalList'],
    decides:
      'Otherwise, whether External is on and its domain list takes the domain: then the email creates a portal-only account. When Internal grants, it takes precedence.',
    when: 'no account uses the address yet',
    sources: ['CA', 'KB-DOM', 'COMM-BOB'],
    causes: {},
    applies: (state) => !state.exists,
    decide(read, ctx, state) {
      if (state.created)
        return {
          result: 'skipped',
          detail:
            'Not needed: Internal creates an Atlassian account, which takes precedence over a portal-only one.',
          facts: [],
        };
      state.external = read('external') === true;
      const listed = state.external && read('externalList') === 'listed';
      if (listed) state.created = 'portal-only-account';
      return {
        result: listed ? 'pass' : 'fail',
        detail: !state.external
          ? 'External is off: no portal-only accounts are created.'
          : `External is on; ${ctx.note('externalList') ?? 'the domain list is not known'}: ${listed ? 'a portal-only account is created.' : 'no portal-only account.'}`,
        facts: state.external ? ['external', 'externalList'] : ['external'],
      };
    },
  }),
  step<InboundState, 'external-domain-not-listed' | 'domain-not-granted' | 'no-account-types'>({
    id: 'account-types',
    title: 'Account creation',
    reads: [],
    decides:
      'Whether either kind of account can be created for the sender, and if not, which setting keeps the domain out.',
    when: 'no account uses the address yet',
    sources: ['KB-DOM'],
    causes: {
      'external-domain-not-listed': ACCOUNT_TYPE_FIXES,
      'domain-not-granted': ACCOUNT_TYPE_FIXES,
      'no-account-types': ACCOUNT_TYPE_FIXES,
    },
    applies: (state) => !state.exists,
    decide(_read, ctx, state) {
      const { created } = state;
      const cause = created
        ? undefined
        : state.external
          ? 'external-domain-not-listed'
          : state.internal
            ? 'domain-not-granted'
            : 'no-account-types';
      if (state.creation === 'allowed') state.account = created;
      return {
        result: created ? 'pass' : 'fail',
        detail:
          created === 'atlassian-account'
            ? 'The email would create an Atlassian account.'
            : created === 'portal-only-account'
              ? 'The email would create a portal-only account.'
              : cause === 'no-account-types'
                ? 'Internal and External are both off: no account can be created for a new customer.'
                : cause === 'domain-not-granted'
                  ? `${ctx.domain} is not granted the Customer role and External is off: no account can be created.`
                  : `${ctx.domain} is not granted the Customer role and is not on External's domain list: no account can be created.`,
        facts: [],
        cause,
      };
    },
  }),
  // 5. The project's Customer permissions.
  step<InboundState, 'project-restricted'>({
    id: 'project-access',
    title: 'Customer permissions',
    reads: ['projectAccess', 'isCustomer'],
    decides: 'Whether the project is Open, or Restricted with the sender among its customers.',
    sources: ['EMPERM'],
    causes: { 'project-restricted': ['invite-customer', 'add-project-customer', 'open-project'] },
    decide(read, ctx) {
      if (read('projectAccess') !== 'restricted')
        return {
          result: 'pass',
          detail: `${ctx.project} is Open: anyone the site's Customer access lets in can raise requests.`,
          facts: ['projectAccess'],
        };
      const isCustomer = read('isCustomer') === true;
      return {
        result: isCustomer ? 'pass' : 'fail',
        detail: isCustomer
          ? `${ctx.project} is Restricted and the sender is one of its customers.`
          : `${ctx.project} is Restricted ("Only people directly invited to this project can submit requests") and the sender is not one of its customers.`,
        facts: ['projectAccess', 'isCustomer'],
        cause: 'project-restricted',
      };
    },
  }),
  // 6. The permission scheme's Portal Access grants.
  step<InboundState, 'portal-access-grants-missing'>({
    id: 'portal-access-grants',
    title: 'Portal Access permissions',
    reads: ['portalAccessGrants'],
    decides:
      "Whether the project's permission scheme grants the Portal Access permissions new customers need.",
    sources: ['SIGNUP'],
    causes: { 'portal-access-grants-missing': ['grant-portal-access'] },
    decide(read) {
      const grants = read('portalAccessGrants') === true;
      return {
        result: grants ? 'pass' : 'fail',
        detail: grants ? GRANTS : `${NO_GRANTS}: new customers cannot raise requests or sign up.`,
        facts: ['portalAccessGrants'],
        cause: 'portal-access-grants-missing',
      };
    },
  }),
];

/** Runs a table of steps in order; every check each step reports, with its step's id and title. */
function runSteps<S>(
  steps: readonly TableStep<S>[],
  read: Read,
  ctx: RuleContext,
  state: S,
  onCheck: (check: PathCheck) => void,
): void {
  for (const s of steps) {
    if (s.applies && !s.applies(state)) continue;
    const decided = s.decide(read, ctx, state);
    if (Array.isArray(decided)) for (const c of decided) onCheck(checkOf(s, c));
    else onCheck(checkOf(s, decided));
  }
}

/** A step's check with the step's id, and its title unless the check names its own. */
function checkOf<S>(s: TableStep<S>, c: StepCheck<Cause>): PathCheck {
  return {
    id: s.id,
    title: c.title ?? s.title,
    result: c.result,
    detail: c.detail,
    facts: c.facts,
    ...(c.cause ? { cause: c.cause } : {}),
  };
}

/** domain.md §2, in its order; every failing check is reported, the first is what the email log shows. */
export function inboundPath(read: Read, ctx: RuleContext): InboundPath {
  const checks: PathCheck[] = [];
  const state: InboundState = {
    causes: [],
    undocumented: false,
    causesBeforeUndocumented: 0,
    exists: false,
    internal: false,
    external: false,
    created: null,
    account: null,
  };
  runSteps(INBOUND_STEPS, read, ctx, state, (c) => {
    checks.push(c);
    if (c.result === 'fail' && c.cause) state.causes.push(c.cause);
  });
  const { causes, undocumented } = state;
  // A documented block rejects the email even where another step is undocumented.
  const verdict = causes.length ? 'rejected' : undocumented ? 'undocumented' : 'accepted';
  const logUnknown = undocumented && state.causesBeforeUndocumented === 0;
  return { verdict, account: verdict === 'accepted' ? state.account : null, causes, logUnknown, checks };
}

/** What the invite steps pass on: the outcome, once a step decides it, ends the table. */
interface InviteState {
  exists: boolean;
  type?: FactValue;
  internal: boolean;
  granted: boolean;
  external: boolean;
  done?: Omit<InvitePath, 'checks'>;
}

const ended = (state: InviteState) => state.done === undefined;
const fails = (notification: Notification, detail: string, error: string | null = null) => ({
  notification,
  detail,
  error,
});

/** domain.md §3, in its order: which notification an invite on the Customers page sends, or its error. */
export const INVITE_STEPS: readonly TableStep<InviteState>[] = [
  step<InviteState>({
    id: 'invite-account',
    title: 'Account',
    reads: ['accountExists', 'accountType', 'accountStatus'],
    decides:
      'Whether an account already uses the address, and whether it can be invited: an inactive portal-only account or a suspended Atlassian account makes the invite fail; an invite of a deactivated or closed Atlassian account is undocumented (open).',
    sources: ['INACT', 'KB-ADD2'],
    causes: {},
    decide(read, ctx, state) {
      state.exists = read('accountExists') === true;
      if (!state.exists)
        return {
          result: 'pass',
          detail: 'No account uses this address: the invite creates one.',
          facts: ['accountExists'],
        };
      const type = (state.type = read('accountType'));
      const status = read('accountStatus');
      const facts: FactKey[] = ['accountType', 'accountStatus'];
      if (type === 'portal-only' && status !== 'active') {
        state.done = fails(
          'no-notification-error',
          `The invite fails: "${INVITE_INACTIVE}"`,
          INVITE_INACTIVE,
        );
        return { result: 'fail', detail: `The portal-only account is ${status}.`, facts };
      }
      if (type === 'atlassian' && status === 'suspended') {
        const error = INVITE_COULD_NOT_ADD(ctx.email);
        state.done = fails('no-notification-error', `The invite fails: "${error}"`, error);
        return {
          result: 'fail',
          detail: "The Atlassian account's site access is suspended (revoked in admin.atlassian.com).",
          facts,
        };
      }
      if (status !== 'active') {
        state.done = fails(
          'unknown',
          `Atlassian does not document an invite of a ${status} Atlassian account (OPEN).`,
        );
        return {
          result: 'unknown',
          detail: `The Atlassian account is ${status}. Atlassian does not document what an invite of a ${status} account does (OPEN).`,
          facts,
        };
      }
      return {
        result: 'pass',
        detail: 'The person already has an account on the site.',
        facts: ['accountExists'],
      };
    },
  }),
  step<InviteState>({
    id: 'invite-internal',
    title: 'Internal customers (approved domains)',
    reads: ['internal', 'role'],
    decides:
      "Whether Internal is on and the domain's role in Approved domains is Customer: then an Atlassian Account Invitation goes out.",
    when: 'no account uses the address and no earlier step has decided the invite',
    sources: ['KB-INV'],
    causes: {},
    applies: (state) => ended(state) && !state.exists,
    decide(read, ctx, state) {
      state.internal = read('internal') === true;
      state.granted = state.internal && read('role') === 'customer';
      return {
        result: state.granted ? 'pass' : 'fail',
        detail: !state.internal
          ? 'Internal is off.'
          : `Internal is on; ${ctx.note('role') ?? 'the effective role is not Customer'}.`,
        facts: state.internal ? ['internal', 'role'] : ['internal'],
      };
    },
  }),
  step<InviteState>({
    id: 'invite-external',
    title: 'External customers (portal-only accounts)',
    reads: ['external'],
    decides: 'Whether External is on; if not, the invite fails.',
    when: 'no account uses the address, no earlier step has decided the invite and Internal grants no Customer role',
    sources: ['KB-INV', 'KB-ADD2'],
    causes: {},
    applies: (state) => ended(state) && !state.exists && !state.granted,
    decide(read, ctx, state) {
      state.external = read('external') === true;
      if (!state.external) {
        const error = INVITE_COULD_NOT_ADD(ctx.email);
        state.done = fails(
          'no-notification-error',
          `No notification: the invite fails with "${error}", since ${
            state.internal
              ? 'Internal grants no Customer role to this domain and External is off'
              : 'Internal and External are both off'
          }.`,
          error,
        );
      }
      return {
        result: state.external ? 'pass' : 'fail',
        detail: state.external ? 'External is on.' : 'External is off.',
        facts: ['external'],
      };
    },
  }),
  step<InviteState>({
    id: 'invite-external-list',
    title: "External's domain list",
    reads: ['externalList'],
    decides:
      "Whether External's domain list takes the address; what an invite does when it does not is undocumented (open).",
    when: 'no account uses the address, no earlier step has decided the invite and Internal grants no Customer role',
    sources: ['KB-INV'],
    causes: {},
    applies: (state) => ended(state) && !state.exists && !state.granted,
    decide(read, ctx, state) {
      if (read('externalList') !== 'not-listed') return [];
      state.done = fails(
        'unknown',
        "Atlassian does not document an invite when External's domain list excludes the address (OPEN).",
      );
      return {
        result: 'unknown',
        detail: `${ctx.note('externalList')}. Atlassian does not document which invitation an invite sends when External's domain list excludes the address (OPEN).`,
        facts: ['externalList'],
      };
    },
  }),
  // Missing Portal Access grants (domain.md §1.3) make every invite fail.
  step<InviteState>({
    id: 'invite-grants',
    title: 'Portal Access permissions',
    reads: ['portalAccessGrants'],
    decides:
      "Whether the project's permission scheme grants the Portal Access permissions; without them every invite fails.",
    when: 'no earlier step has decided the invite',
    sources: ['SIGNUP', 'KB-INVPERM'],
    causes: {},
    applies: ended,
    decide(read, _ctx, state) {
      const grants = read('portalAccessGrants') === true;
      if (!grants)
        state.done = fails(
          'no-notification-error',
          `The invite fails: the Customers page shows "${INVITE_NONE_ADDED}"`,
          INVITE_NONE_ADDED,
        );
      return {
        result: grants ? 'pass' : 'fail',
        detail: grants
          ? GRANTS
          : `${NO_GRANTS}: the invite fails, with "View error details and repair the problem".`,
        facts: ['portalAccessGrants'],
      };
    },
  }),
  step<InviteState>({
    id: 'invite-inviter',
    title: 'Who invites',
    reads: ['customerRole'],
    decides:
      'The person is added as a customer but gets no notification, although the page says one is sent. An Atlassian account without the Customer role can be invited by a site or organization admin, not by an agent who is neither.',
    when: 'an account uses the address and no earlier step has decided the invite',
    sources: ['INVMAIL', 'KB-INVPERM'],
    causes: {},
    applies: (state) => ended(state) && state.exists,
    decide(read, _ctx, state) {
      state.done = fails(
        'no-notification',
        'The person already has an account on the site: they are added as a customer but get no notification, although the page says one will be sent (JSDCLOUD-6329).',
      );
      if (state.type !== 'atlassian' || read('customerRole') === true) return [];
      return {
        result: 'pass',
        detail: `The Atlassian account has no Customer role: a site or organization admin's invite goes through; an agent who is neither sees "${INVITE_NO_PERMISSION}"`,
        facts: ['customerRole'],
      };
    },
  }),
  step<InviteState>({
    id: 'invite-notification',
    title: '"Customer invited" notification',
    reads: ['invitedNotification'],
    decides:
      'Which notification goes out: an Atlassian Account Invitation when Internal grants the Customer role; otherwise a JSM - Customer Notification when the project\'s "Customer invited" notification is on, and none when it is off.',
    when: 'no earlier step has decided the invite',
    sources: ['KB-INV', 'INVMAIL', 'NOTIFLOG'],
    causes: {},
    applies: ended,
    decide(read, _ctx, state) {
      if (state.granted) {
        state.done = fails(
          'atlassian-account-invitation',
          'An Atlassian Account Invitation is sent from noreply+…@am.atlassian.com, because Internal is on and the domain is granted the Customer role.',
        );
        return [];
      }
      const notify = read('invitedNotification') === true;
      state.done = notify
        ? fails(
            'jsm-customer-notification',
            'A JSM - Customer Notification (the "Customer invited" template) is sent from the project\'s notification address, and a portal-only account is created.',
          )
        : fails(
            'no-notification',
            'A portal-only account is created, but the "Customer invited" notification is off: no email is sent.',
          );
      return {
        result: notify ? 'pass' : 'fail',
        detail: notify
          ? 'The project\'s "Customer invited" notification is on.'
          : 'The project\'s "Customer invited" notification is off: the account is created but no email is sent.',
        facts: ['invitedNotification'],
      };
    },
  }),
];

/** domain.md §3: which notification an invite on the project's Customers page sends, or the error it shows. */
export function invitePath(read: Read, ctx: RuleContext): InvitePath {
  const checks: PathCheck[] = [];
  const state: InviteState = { exists: false, internal: false, granted: false, external: false };
  runSteps(INVITE_STEPS, read, ctx, state, (c) => checks.push(c));
  return { ...state.done!, checks };
}

/** The order checks are listed in, whatever path produced them: the step tables' order. */
export const CHECK_ORDER: readonly string[] = [...INBOUND_STEPS, ...INVITE_STEPS].map((s) => s.id);

/** Every step of both tables, with the causes it decides, for the rule book and its tests. */
export const STEPS: readonly TableStep<never>[] = [...INBOUND_STEPS, ...INVITE_STEPS];

/** Thrown by a reader when the rules need a fact whose value is not yet chosen. */
class NeedFact {
  constructor(readonly key: FactKey) {}
}

export interface Explored<T> {
  /** Values chosen for unknown facts on this path. */
  assumed: Partial<Record<FactKey, FactValue>>;
  outcome: T;
}

/**
 * Runs the rules once per combination of values of the unknown facts they actually read.
 * With every fact known that is a single run.
 */
export function explore<T>(facts: Facts, rules: (read: Read) => T): Explored<T>[] {
  const results: Explored<T>[] = [];
  const stack: Partial<Record<FactKey, FactValue>>[] = [{}];
  while (stack.length) {
    const assumed = stack.pop()!;
    const read: Read = (key) => {
      const known = facts[key].value;
      if (known !== undefined) return known;
      const chosen = assumed[key];
      if (chosen !== undefined) return chosen;
      throw new NeedFact(key);
    };
    try {
      results.push({ assumed, outcome: rules(read) });
    } catch (e) {
      if (!(e instanceof NeedFact)) throw e;
      const options = facts[e.key].possible;
      for (let i = options.length - 1; i >= 0; i--) stack.push({ ...assumed, [e.key]: options[i] });
    }
  }
  return results;
}
