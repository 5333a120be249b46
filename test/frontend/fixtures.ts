/** Hand-written resolver answers for page tests: what the backend's contract promises, no backend. */
import {
  LOG_NOT_ALLOWED_DOMAIN,
  LOG_NO_PERMISSION,
  sampleSnapshot,
  type DecisionMatrix,
  type Snapshot,
} from '../../src/evaluator';
import type { AppState, DiagnoseAnswer } from '../../src/backend/keys';

export const ADMIN_CONTEXT = {
  moduleKey: 'customer-access-doctor-admin',
  siteUrl: 'https://acme-support.atlassian.net',
  extension: { type: 'jira:adminPage' },
  localId: 'test',
  locale: 'en-US',
  timezone: 'UTC',
};

export const PROJECT_CONTEXT = {
  moduleKey: 'customer-access-doctor-project',
  siteUrl: 'https://acme-support.atlassian.net',
  extension: {
    type: 'jira:projectSettingsPage',
    project: { key: 'HELP', id: '10000', type: 'service_desk' },
  },
  localId: 'test',
  locale: 'en-US',
  timezone: 'UTC',
};

export const DESKS = [
  { id: '1', projectId: '10000', projectKey: 'HELP', projectName: 'IT Help desk' },
  { id: '2', projectId: '10001', projectKey: 'VIP', projectName: 'Executive support' },
];

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function adminState(snapshot: Snapshot = sampleSnapshot, extra: Partial<AppState> = {}): AppState {
  return {
    caller: { page: 'admin', isJiraAdmin: true },
    snapshot: clone(snapshot),
    serviceDesks: DESKS,
    adminApi: { keySet: false },
    stale: [],
    unreadable: {},
    ...extra,
  };
}

/** A site where nothing that no API gives has been entered yet. */
export const EMPTY_SITE: Snapshot = {
  format: 'customer-access-doctor/snapshot',
  version: 1,
  site: { url: 'https://acme-support.atlassian.net' },
  projects: { HELP: { name: 'IT Help desk', portalAccessGrants: true } },
  sources: { projects: { kind: 'live', at: '2026-11-21T23:00:00Z' } },
};

/** dan@contractor.io writing to HELP: External's list excludes contractor.io. */
export function danRejected(): DiagnoseAnswer {
  const matrix: DecisionMatrix = {
    email: 'dan@contractor.io',
    domain: 'contractor.io',
    project: 'HELP',
    rows: [
      {
        internal: true,
        external: 'on-domain-not-listed',
        domainRow: 'not-listed',
        anyDomain: 'customer',
        inbound: { verdict: 'accepted', account: 'atlassian-account', causes: [] },
        invite: 'atlassian-account-invitation',
        current: false,
      },
      {
        internal: false,
        external: 'off',
        domainRow: 'customer',
        anyDomain: 'none',
        inbound: { verdict: 'rejected', account: null, causes: ['no-account-types'] },
        invite: 'no-notification',
        current: false,
      },
      {
        internal: true,
        external: 'on-domain-listed',
        domainRow: 'none',
        anyDomain: 'customer',
        inbound: { verdict: 'accepted', account: 'portal-only-account', causes: [] },
        invite: 'jsm-customer-notification',
        current: false,
      },
      {
        internal: true,
        external: 'on-domain-not-listed',
        domainRow: 'none',
        anyDomain: 'customer',
        inbound: { verdict: 'rejected', account: null, causes: ['external-domain-not-listed'] },
        invite: 'no-notification-error',
        current: true,
      },
    ],
  };
  return {
    email: 'dan@contractor.io',
    project: 'HELP',
    projectName: 'IT Help desk',
    inbound: {
      verdict: 'rejected',
      account: null,
      log: LOG_NOT_ALLOWED_DOMAIN,
      causes: ['external-domain-not-listed'],
      summary: 'No account can be created for dan@contractor.io.',
      turnsOn: [],
      checks: [
        {
          id: 'filters',
          title: 'Email filters',
          result: 'pass',
          detail: 'contractor.io is not on the blocklist.',
          facts: [{ fact: 'emailChannel.blocklist', label: 'Blocklist', value: ['spam.example'] }],
        },
        {
          id: 'account',
          title: 'Existing account',
          result: 'pass',
          detail: 'dan@contractor.io has no account yet.',
          facts: [
            {
              fact: 'accounts',
              label: 'Accounts',
              value: 'none for dan@contractor.io',
              source: 'Read live from Jira',
            },
          ],
        },
        {
          id: 'new-account',
          title: 'A new account can be created',
          result: 'fail',
          detail: 'External is on but its domain list does not include contractor.io.',
          cause: 'external-domain-not-listed',
          facts: [
            {
              fact: 'customerAccess.externalDomains',
              label: 'Only allow account creation for customers with specific email domains',
              value: ['partner.com', 'supplier.example'],
            },
          ],
        },
      ],
      fixes: [
        {
          cause: 'external-domain-not-listed',
          causes: ['external-domain-not-listed'],
          action:
            'Add contractor.io to the domain list of "Allow portal-only accounts to be created for new customers"',
          where: 'Settings > Products > Jira Service Management > Customer access',
          link: 'https://acme-support.atlassian.net/jira/settings/products/servicedesk/customer-access',
          changes: [],
          who: 'jira-admin',
          risky: false,
          letsIn: 'everyone at contractor.io',
        },
        {
          cause: 'external-domain-not-listed',
          causes: ['external-domain-not-listed'],
          action: 'Uncheck "Only allow account creation for customers with specific email domains"',
          where: 'Settings > Products > Jira Service Management > Customer access',
          changes: [],
          who: 'jira-admin',
          risky: true,
          letsIn: 'anyone with any email address',
        },
      ],
    },
    invite: {
      notification: 'no-notification-error',
      error:
        'The following customers could not be added: "bob@contractor.io" Please check the email addresses and try again.',
      detail: 'Internal is on but contractor.io has no Customer role, and External excludes contractor.io.',
      checks: [],
      turnsOn: [],
    },
    matrix,
  };
}

/** alex@acme-labs.com writing to VIP: an Atlassian account without the Customer role. */
export function alexRejected(): DiagnoseAnswer {
  const base = danRejected();
  return {
    email: 'alex@acme-labs.com',
    project: 'VIP',
    projectName: 'Executive support',
    inbound: {
      ...base.inbound,
      log: LOG_NO_PERMISSION,
      causes: ['no-customer-role'],
      summary: 'Alex has an Atlassian account without the Customer role.',
      fixes: [],
      checks: [],
    },
    invite: { ...base.invite, notification: 'no-notification', detail: 'Alex already has an account.' },
  };
}

/** kim@newco.example writing to HELP when External is not entered: the verdict turns on it. */
export function kimUnknown(): DiagnoseAnswer {
  const base = danRejected();
  return {
    email: 'kim@newco.example',
    project: 'HELP',
    projectName: 'IT Help desk',
    inbound: {
      verdict: 'unknown',
      account: null,
      log: null,
      causes: [],
      summary: 'Unknown: the outcome turns on External customers (portal-only accounts).',
      turnsOn: ['customerAccess.external'],
      fixes: [],
      checks: [
        {
          id: 'external',
          title: 'External customers (portal-only accounts)',
          result: 'unknown',
          detail: 'External customers (portal-only accounts) is not known (not in the snapshot).',
          facts: [{ fact: 'customerAccess.external', label: 'External customers (portal-only accounts)' }],
          possibilities: [
            {
              value: 'External customers (portal-only accounts) = on',
              outcome: 'accepted (creates a portal-only account)',
              when: { fact: 'customerAccess.external', value: true },
              then: { of: 'inbound', verdicts: ['accepted'], causes: [], accounts: ['portal-only-account'] },
            },
            {
              value: 'External customers (portal-only accounts) = off',
              outcome: 'rejected: domain-not-granted',
              when: { fact: 'customerAccess.external', value: false },
              then: { of: 'inbound', verdicts: ['rejected'], causes: ['domain-not-granted'], accounts: [] },
            },
          ],
        },
      ],
    },
    invite: { ...base.invite, notification: 'unknown', detail: 'Depends on External.' },
    matrix: {
      ...base.matrix!,
      email: 'kim@newco.example',
      rows: base.matrix!.rows.map((r) => ({ ...r, current: false })),
    },
  };
}
