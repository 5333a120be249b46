import type { Snapshot } from './snapshot';

/**
 * The embedded sample site: used by `access-doctor` without --snapshot, by the local preview's fake
 * Atlassian API, and by tests. Realistic enough to show every kind of answer:
 * - acme.com is an approved domain (Customer); acme-labs.com is approved as User only;
 * - contractor.io is listed as None, which hides "Any domain" = Customer;
 * - partner.com and supplier.example are on External's domain list;
 * - a suspended user, an Atlassian account without the Customer role, a portal-only account, a duplicate;
 * - HELP is Open, VIP is Restricted.
 */
export const sampleSnapshot: Snapshot = {
  format: 'customer-access-doctor/snapshot',
  version: 1,
  site: { url: 'https://acme-support.atlassian.net', name: 'Acme Support' },
  customerAccess: {
    internal: true,
    external: true,
    externalDomains: ['partner.com', 'supplier.example'],
    accountCreation: 'allowed',
  },
  approvedDomains: {
    domains: { 'acme.com': 'customer', 'acme-labs.com': 'user', 'contractor.io': 'none' },
    anyDomain: 'customer',
  },
  emailChannel: { allowlist: ['partner.com'], blocklist: ['spam.example', 'noreply@vendor.example'] },
  projects: {
    HELP: {
      name: 'IT Help desk',
      access: 'open',
      customers: ['jane@acme.com', 'pat@partner.com'],
      portalAccessGrants: true,
      customerInvitedNotification: true,
    },
    VIP: {
      name: 'Executive support',
      access: 'restricted',
      customers: ['jane@acme.com'],
      portalAccessGrants: true,
      customerInvitedNotification: true,
    },
  },
  accounts: {
    'jane@acme.com': {
      type: 'atlassian',
      status: 'active',
      customerRole: true,
      duplicate: false,
      displayName: 'Jane Cooper',
      accountId: '5b10ac8d82e05b22cc7d4ef5',
    },
    'sam@acme.com': {
      type: 'atlassian',
      status: 'suspended',
      customerRole: true,
      duplicate: false,
      displayName: 'Sam Ortiz',
      accountId: '5b10a2844c20165700ede21g',
    },
    'alex@acme-labs.com': {
      type: 'atlassian',
      status: 'active',
      customerRole: false,
      duplicate: false,
      displayName: 'Alex Kim',
      accountId: '5b109f2e9729b51b54dc274d',
    },
    'pat@partner.com': {
      type: 'portal-only',
      status: 'active',
      customerRole: true,
      duplicate: false,
      displayName: 'Pat Lee',
      accountId: 'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d3581db05e2a66fa80b',
    },
    'lee@partner.com': {
      type: 'portal-only',
      status: 'active',
      customerRole: true,
      duplicate: true,
      displayName: 'Lee Park',
      accountId: 'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d3a01db05e2a66fa80bd',
    },
  },
  sources: {
    customerAccess: { kind: 'sample' },
    approvedDomains: { kind: 'sample' },
    emailChannel: { kind: 'sample' },
    projects: { kind: 'sample' },
    accounts: { kind: 'sample' },
  },
};
