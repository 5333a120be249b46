/** How Atlassian's account fields become the snapshot's account facts (src/backend/account.ts). */
import { senderAccount, type SenderReads } from '../../src/backend/account';
import type { AccountFacts } from '../../src/evaluator';

const email = 'jane@acme.com';
const atlassian = { accountId: 'a1', accountType: 'atlassian', active: true, displayName: 'Jane' };
const portal = { accountId: 'c1', accountType: 'customer', active: true };
const dir = (over: object = {}) => [
  {
    accountId: 'a1',
    accountType: 'atlassian',
    status: 'active',
    accountStatus: 'active',
    membershipStatus: 'active',
    ...over,
  },
];
const index = (over: object = {}) => ({ byEmail: {}, hidden: 0, complete: true, scanned: 10, ...over });
const active: AccountFacts = {
  type: 'atlassian',
  status: 'active',
  duplicate: false,
  accountId: 'a1',
  displayName: 'Jane',
};

const cases: [string, SenderReads, ReturnType<typeof senderAccount>['account']][] = [
  [
    'without the key, no active account and a complete scan without hidden emails: no account',
    { email, jira: [], inactive: index() },
    null,
  ],
  [
    'without the key, a search miss alone is never "no account"',
    { email, jira: [] },
    { lookup: 'no-active-account' },
  ],
  [
    'without the key, hidden emails among inactive accounts leave it open',
    { email, jira: [], inactive: index({ hidden: 2 }) },
    { lookup: 'no-active-account' },
  ],
  [
    'without the key, an incomplete scan leaves it open',
    { email, jira: [], inactive: index({ complete: false }) },
    { lookup: 'no-active-account' },
  ],
  [
    'without the key, Get all users shows it inactive',
    {
      email,
      jira: [],
      inactive: index({ byEmail: { [email]: [{ accountId: 'a1', accountType: 'atlassian' }] } }),
    },
    { type: 'atlassian', status: 'inactive', duplicate: false, accountId: 'a1' },
  ],
  [
    'an Atlassian account: Customer role unknown without an agent licence or the key',
    { email, jira: [atlassian], roles: ['jira-software'] },
    active,
  ],
  [
    'an agent licence counts as the Customer role',
    { email, jira: [atlassian], roles: ['jira-software', 'jira-servicedesk'] },
    { ...active, customerRole: true },
  ],
  [
    'the key: not in the Customer role filter and no agent licence: no Customer role',
    { email, jira: [atlassian], roles: ['jira-software'], admin: dir(), customerRoleIds: [] },
    { ...active, customerRole: false },
  ],
  [
    'the key: in the Customer role filter',
    { email, jira: [atlassian], admin: dir(), customerRoleIds: ['a1'] },
    { ...active, customerRole: true },
  ],
  [
    'the key: suspended (Jira shows nothing)',
    {
      email,
      jira: [],
      admin: dir({ status: 'suspended', membershipStatus: 'suspended' }),
      customerRoleIds: ['a1'],
    },
    { type: 'atlassian', status: 'suspended', duplicate: false, accountId: 'a1', customerRole: true },
  ],
  [
    'the key: deactivated and closed',
    { email, jira: [], admin: dir({ status: 'deactivated', accountStatus: 'closed' }), customerRoleIds: [] },
    { type: 'atlassian', status: 'closed', duplicate: false, accountId: 'a1' },
  ],
  ['the key: nothing anywhere is no account', { email, jira: [], admin: [], customerRoleIds: [] }, null],
  [
    'a portal-only account holds the Customer role',
    { email, jira: [portal] },
    { type: 'portal-only', status: 'active', duplicate: false, accountId: 'c1', customerRole: true },
  ],
  [
    'both kinds for one address: a duplicate',
    { email, jira: [atlassian, portal], roles: ['jira-servicedesk'] },
    { ...active, duplicate: true, customerRole: true },
  ],
  ['without Browse users and without the key: unknown', { email }, undefined],
];

test.each(cases)('%s', (_name, reads, expected) => {
  expect(senderAccount(reads).account).toEqual(expected);
});

test('without Browse users, the reason names the permission and the key', () => {
  const answer = senderAccount({ email });
  expect(answer.why).toContain('"Browse users and groups"');
  expect(answer.why).toContain('organization API key');
});
