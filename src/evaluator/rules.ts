/**
 * The rules of domain.md §2 (an email arrives) and §3 (an agent invites), for one assignment of
 * every fact they read. `explore` runs them over every value an unknown fact could take.
 */
import type { FactKey, FactValue, Facts } from './facts';
import type { MessageHeaders } from './headers';
import { headerFilters } from './headers';
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

/** The order checks are listed in, whatever path produced them. */
export const CHECK_ORDER = [
  'blocklist',
  'header-filters',
  'account',
  'account-status',
  'duplicate-accounts',
  'customer-role',
  'portal-access',
  'internal',
  'external',
  'account-types',
  'project-access',
  'portal-access-grants',
] as const;

export { CAUSE_ORDER } from './causes';

const ROLE: Record<string, string> = { customer: 'Customer', user: 'User', none: 'None' };

export interface RuleContext {
  facts: Facts;
  email: string;
  domain: string;
  project: string | null;
  headers?: MessageHeaders;
}

/** domain.md §2, in its order; every failing check is reported, the first is what the email log shows. */
export function inboundPath(read: Read, ctx: RuleContext): InboundPath {
  const checks: PathCheck[] = [];
  const causes: Cause[] = [];
  const { facts, domain } = ctx;
  const note = (key: FactKey) => facts[key].note;
  const add = (c: PathCheck) => {
    checks.push(c);
    if (c.result === 'fail' && c.cause) causes.push(c.cause);
  };
  let undocumented = false;
  let causesBeforeUndocumented = 0;

  // 1. The email channel's filters. An unknown blocklist is explored like any other fact.
  const blocked = read('blocklist') === true;
  const both = blocked && read('allowlist') === true;
  if (both) undocumented = true;
  add({
    id: 'blocklist',
    title: 'Blocklist',
    result: both ? 'unknown' : blocked ? 'fail' : 'pass',
    detail: both
      ? `${domain} is on both the allowlist and the blocklist; Atlassian does not document which wins (OPEN).`
      : blocked
        ? `${note('blocklist') ?? 'The address or its domain is on the blocklist'}: its mail is always filtered ("Rejected" in the email log).`
        : 'Neither the address nor its domain is on the blocklist.',
    facts: both ? ['blocklist', 'allowlist'] : ['blocklist'],
    cause: both ? undefined : 'blocklisted',
  });
  if (ctx.headers) {
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
        add({
          id: 'header-filters',
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
      add({
        id: 'header-filters',
        title: hit.title,
        result: 'fail',
        detail: hit.detail,
        facts: hit.allowlistSkips ? ['allowlist'] : [],
        cause: hit.cause,
      });
    }
    if (failed === 0 && !hits.some((hit) => hit.cause === 'dmarc-failed'))
      add({
        id: 'header-filters',
        title: 'Mail filters',
        result: 'pass',
        detail: allowlisted
          ? `${domain} is on the allowlist: the auto-reply, bulk and delivery-status filters are skipped; no DMARC failure or mail loop seen.`
          : 'No auto-reply, bulk, delivery-status, DMARC or mail-loop header found.',
        facts: allowlisted ? ['allowlist'] : [],
      });
  } else {
    add({
      id: 'header-filters',
      title: 'Mail filters',
      result: 'skipped',
      detail:
        "Not checked: the message's headers are not known (Auto-Submitted, Precedence: bulk, delivery reports, DMARC).",
      facts: [],
    });
  }

  // 2–3. The sender's existing account.
  let account: InboundAccount | null = null;
  const exists = read('accountExists') === true;
  add({
    id: 'account',
    title: 'Account',
    result: 'pass',
    detail: exists
      ? `An account already uses this address${note('accountExists') ? ` (${note('accountExists')})` : ''}.`
      : 'No account uses this address yet: the email would have to create one.',
    facts: ['accountExists'],
  });
  if (exists) {
    account = 'existing';
    const status = read('accountStatus');
    const type = read('accountType');
    const typeName = type === 'atlassian' ? 'Atlassian account' : 'portal-only account';
    if (status === 'suspended') {
      add({
        id: 'account-status',
        title: 'Account status',
        result: 'fail',
        detail: `The ${typeName} is suspended (site access suspended in admin.atlassian.com).`,
        facts: ['accountStatus', 'accountType'],
        cause: 'sender-suspended',
      });
    } else if (status === 'active') {
      add({
        id: 'account-status',
        title: 'Account status',
        result: 'pass',
        detail: `The ${typeName} is active.`,
        facts: ['accountStatus', 'accountType'],
      });
    } else {
      if (!undocumented) causesBeforeUndocumented = causes.length;
      undocumented = true;
      add({
        id: 'account-status',
        title: 'Account status',
        result: 'unknown',
        detail: `The ${typeName} is ${status}. Atlassian does not document what happens to email from a ${status} account.`,
        facts: ['accountStatus', 'accountType'],
      });
    }
    const duplicate = read('duplicate') === true;
    add({
      id: 'duplicate-accounts',
      title: 'Duplicate accounts',
      result: duplicate ? 'fail' : 'pass',
      detail: duplicate
        ? 'A portal-only account and an Atlassian account share this address: neither can raise requests by email.'
        : 'Only one account uses this address.',
      facts: ['duplicate'],
      cause: 'duplicate-accounts',
    });
    if (type === 'atlassian') {
      const role = read('customerRole') === true;
      add({
        id: 'customer-role',
        title: 'Customer role',
        result: role ? 'pass' : 'fail',
        detail: role
          ? 'The Atlassian account has the Jira Service Management Customer role (or an agent licence).'
          : 'The Atlassian account has no Jira Service Management Customer role and no agent licence (an "internal account").',
        facts: ['customerRole'],
        cause: 'no-customer-role',
      });
    } else {
      add({
        id: 'customer-role',
        title: 'Customer role',
        result: 'skipped',
        detail: 'A portal-only account is a customer by definition.',
        facts: [],
      });
    }
  } else {
    // 4. No account yet: can the email create one?
    const creation = read('accountCreation');
    add({
      id: 'portal-access',
      title: 'Portal access',
      result: creation === 'allowed' ? 'pass' : 'fail',
      detail:
        creation === 'allowed'
          ? 'Portal access is "Allow customers to create accounts".'
          : 'Portal access is "Don\'t allow customers to create their own accounts": email requests from unidentified customers won\'t be processed.',
      facts: ['accountCreation'],
      cause: 'account-creation-disabled',
    });
    const internal = read('internal') === true;
    let created: InboundAccount | null = null;
    if (internal) {
      const role = read('role');
      const granted = role === 'customer';
      if (granted) created = 'atlassian-account';
      add({
        id: 'internal',
        title: 'Internal customers (approved domains)',
        result: granted ? 'pass' : 'fail',
        detail: `Internal is on. ${note('role') ?? `The effective role is ${ROLE[String(role)]}`}: ${
          granted
            ? 'an Atlassian account is created.'
            : 'no Customer role is granted, so no Atlassian account.'
        }`,
        facts: ['internal', 'role'],
      });
    } else {
      add({
        id: 'internal',
        title: 'Internal customers (approved domains)',
        result: 'fail',
        detail: 'Internal is off: approved domains create no accounts.',
        facts: ['internal'],
      });
    }
    let external = false;
    if (created) {
      add({
        id: 'external',
        title: 'External customers (portal-only accounts)',
        result: 'skipped',
        detail:
          'Not needed: Internal creates an Atlassian account, which takes precedence over a portal-only one.',
        facts: [],
      });
    } else {
      external = read('external') === true;
      const listed = external && read('externalList') === 'listed';
      if (listed) created = 'portal-only-account';
      add({
        id: 'external',
        title: 'External customers (portal-only accounts)',
        result: listed ? 'pass' : 'fail',
        detail: !external
          ? 'External is off: no portal-only accounts are created.'
          : `External is on; ${note('externalList') ?? 'the domain list is not known'}: ${listed ? 'a portal-only account is created.' : 'no portal-only account.'}`,
        facts: external ? ['external', 'externalList'] : ['external'],
      });
    }
    const cause: Cause | undefined = created
      ? undefined
      : external
        ? 'external-domain-not-listed'
        : internal
          ? 'domain-not-granted'
          : 'no-account-types';
    add({
      id: 'account-types',
      title: 'Account creation',
      result: created ? 'pass' : 'fail',
      detail:
        created === 'atlassian-account'
          ? 'The email would create an Atlassian account.'
          : created === 'portal-only-account'
            ? 'The email would create a portal-only account.'
            : cause === 'no-account-types'
              ? 'Internal and External are both off: no account can be created for a new customer.'
              : cause === 'domain-not-granted'
                ? `${domain} is not granted the Customer role and External is off: no account can be created.`
                : `${domain} is not granted the Customer role and is not on External's domain list: no account can be created.`,
      facts: [],
      cause,
    });
    if (creation === 'allowed') account = created;
  }

  // 5. The project's Customer permissions.
  const access = read('projectAccess');
  if (access === 'restricted') {
    const isCustomer = read('isCustomer') === true;
    add({
      id: 'project-access',
      title: 'Customer permissions',
      result: isCustomer ? 'pass' : 'fail',
      detail: isCustomer
        ? `${ctx.project} is Restricted and the sender is one of its customers.`
        : `${ctx.project} is Restricted ("Only people directly invited to this project can submit requests") and the sender is not one of its customers.`,
      facts: ['projectAccess', 'isCustomer'],
      cause: 'project-restricted',
    });
  } else {
    add({
      id: 'project-access',
      title: 'Customer permissions',
      result: 'pass',
      detail: `${ctx.project} is Open: anyone the site's Customer access lets in can raise requests.`,
      facts: ['projectAccess'],
    });
  }

  // 6. The permission scheme's Portal Access grants.
  const grants = read('portalAccessGrants') === true;
  add({
    id: 'portal-access-grants',
    title: 'Portal Access permissions',
    result: grants ? 'pass' : 'fail',
    detail: grants
      ? 'The permission scheme grants "Service Project Customer - Portal Access" Browse Projects and Create Issues.'
      : 'The permission scheme does not grant "Service Project Customer - Portal Access" Browse Projects and Create Issues: new customers cannot raise requests or sign up.',
    facts: ['portalAccessGrants'],
    cause: 'portal-access-grants-missing',
  });

  // A documented block rejects the email even where another step is undocumented.
  const verdict = causes.length ? 'rejected' : undocumented ? 'undocumented' : 'accepted';
  const logUnknown = undocumented && causesBeforeUndocumented === 0;
  return { verdict, account: verdict === 'accepted' ? account : null, causes, logUnknown, checks };
}

/** domain.md §3: which notification an invite on the project's Customers page sends, or the error it shows. */
export function invitePath(read: Read, ctx: RuleContext): InvitePath {
  const checks: PathCheck[] = [];
  const done = (notification: Notification, detail: string, error: string | null = null): InvitePath => ({
    notification,
    detail,
    error,
    checks,
  });
  // Missing Portal Access grants (domain.md §1.3) make every invite fail.
  const grantsMissing = (): InvitePath | null => {
    const grants = read('portalAccessGrants') === true;
    checks.push({
      id: 'invite-grants',
      title: 'Portal Access permissions',
      result: grants ? 'pass' : 'fail',
      detail: grants
        ? 'The permission scheme grants "Service Project Customer - Portal Access" Browse Projects and Create Issues.'
        : 'The permission scheme does not grant "Service Project Customer - Portal Access" Browse Projects and Create Issues: the invite fails, with "View error details and repair the problem".',
      facts: ['portalAccessGrants'],
    });
    return grants
      ? null
      : done(
          'no-notification-error',
          `The invite fails: the Customers page shows "${INVITE_NONE_ADDED}"`,
          INVITE_NONE_ADDED,
        );
  };
  const exists = read('accountExists') === true;
  if (exists) {
    const type = read('accountType');
    const status = read('accountStatus');
    if (type === 'portal-only' && status !== 'active') {
      checks.push({
        id: 'invite-account',
        title: 'Account',
        result: 'fail',
        detail: `The portal-only account is ${status}.`,
        facts: ['accountType', 'accountStatus'],
      });
      return done('no-notification-error', `The invite fails: "${INVITE_INACTIVE}"`, INVITE_INACTIVE);
    }
    if (type === 'atlassian' && status === 'suspended') {
      checks.push({
        id: 'invite-account',
        title: 'Account',
        result: 'fail',
        detail: "The Atlassian account's site access is suspended (revoked in admin.atlassian.com).",
        facts: ['accountType', 'accountStatus'],
      });
      const error = INVITE_COULD_NOT_ADD(ctx.email);
      return done('no-notification-error', `The invite fails: "${error}"`, error);
    }
    if (status !== 'active') {
      checks.push({
        id: 'invite-account',
        title: 'Account',
        result: 'unknown',
        detail: `The Atlassian account is ${status}. Atlassian does not document what an invite of a ${status} account does (OPEN).`,
        facts: ['accountType', 'accountStatus'],
      });
      return done(
        'unknown',
        `Atlassian does not document an invite of a ${status} Atlassian account (OPEN).`,
      );
    }
    checks.push({
      id: 'invite-account',
      title: 'Account',
      result: 'pass',
      detail: 'The person already has an account on the site.',
      facts: ['accountExists'],
    });
    const failed = grantsMissing();
    if (failed) return failed;
    if (type === 'atlassian' && read('customerRole') !== true) {
      checks.push({
        id: 'invite-inviter',
        title: 'Who invites',
        result: 'pass',
        detail: `The Atlassian account has no Customer role: a site or organization admin's invite goes through; an agent who is neither sees "${INVITE_NO_PERMISSION}"`,
        facts: ['customerRole'],
      });
    }
    return done(
      'no-notification',
      'The person already has an account on the site: they are added as a customer but get no notification, although the page says one will be sent (JSDCLOUD-6329).',
    );
  }
  checks.push({
    id: 'invite-account',
    title: 'Account',
    result: 'pass',
    detail: 'No account uses this address: the invite creates one.',
    facts: ['accountExists'],
  });
  const internal = read('internal') === true;
  const granted = internal && read('role') === 'customer';
  checks.push({
    id: 'invite-internal',
    title: 'Internal customers (approved domains)',
    result: granted ? 'pass' : 'fail',
    detail: !internal
      ? 'Internal is off.'
      : `Internal is on; ${ctx.facts.role.note ?? 'the effective role is not Customer'}.`,
    facts: internal ? ['internal', 'role'] : ['internal'],
  });
  const external = !granted && read('external') === true;
  if (!granted) {
    checks.push({
      id: 'invite-external',
      title: 'External customers (portal-only accounts)',
      result: external ? 'pass' : 'fail',
      detail: external ? 'External is on.' : 'External is off.',
      facts: ['external'],
    });
    if (!external) {
      const error = INVITE_COULD_NOT_ADD(ctx.email);
      return done(
        'no-notification-error',
        `No notification: the invite fails with "${error}", since ${
          internal
            ? 'Internal grants no Customer role to this domain and External is off'
            : 'Internal and External are both off'
        }.`,
        error,
      );
    }
    if (read('externalList') === 'not-listed') {
      checks.push({
        id: 'invite-external-list',
        title: "External's domain list",
        result: 'unknown',
        detail: `${ctx.facts.externalList.note}. Atlassian does not document which invitation an invite sends when External's domain list excludes the address (OPEN).`,
        facts: ['externalList'],
      });
      return done(
        'unknown',
        "Atlassian does not document an invite when External's domain list excludes the address (OPEN).",
      );
    }
  }
  const failed = grantsMissing();
  if (failed) return failed;
  if (granted) {
    return done(
      'atlassian-account-invitation',
      'An Atlassian Account Invitation is sent from noreply+…@am.atlassian.com, because Internal is on and the domain is granted the Customer role.',
    );
  }
  const notify = read('invitedNotification') === true;
  checks.push({
    id: 'invite-notification',
    title: '"Customer invited" notification',
    result: notify ? 'pass' : 'fail',
    detail: notify
      ? 'The project\'s "Customer invited" notification is on.'
      : 'The project\'s "Customer invited" notification is off: the account is created but no email is sent.',
    facts: ['invitedNotification'],
  });
  return notify
    ? done(
        'jsm-customer-notification',
        'A JSM - Customer Notification (the "Customer invited" template) is sent from the project\'s notification address, and a portal-only account is created.',
      )
    : done(
        'no-notification',
        'A portal-only account is created, but the "Customer invited" notification is off: no email is sent.',
      );
}

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
