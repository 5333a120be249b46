/** How Atlassian's account fields become the snapshot's account facts (src/backend/account.ts). */
import { senderAccount, type SenderReads } from '../../src/backend/account';

const atlassian = { accountId: 'a1', accountType: 'atlassian', active: true, displayName: 'Jane' };
const portal = { accountId: 'c1', accountType: 'customer', active: true };
const directory = (over: object = {}) => [
  { accountId: 'a1', email: 'jane@acme.com', accountStatus: 'active', isSuspended: false, ...over },
];

const cases: [string, SenderReads, ReturnType<typeof senderAccount>][] = [
  ['no account anywhere', { jira: [] }, null],
  [
    'an Atlassian account: Customer role unknown without an agent licence or the Admin API',
    { jira: [atlassian], roles: ['jira-software'] },
    { type: 'atlassian', status: 'active', duplicate: false, accountId: 'a1', displayName: 'Jane' },
  ],
  [
    'an agent licence counts as the Customer role',
    { jira: [atlassian], roles: ['jira-software', 'jira-servicedesk'] },
    {
      type: 'atlassian',
      status: 'active',
      duplicate: false,
      accountId: 'a1',
      displayName: 'Jane',
      customerRole: true,
    },
  ],
  [
    'the Admin API: product access without Jira Service Management is no Customer role',
    {
      jira: [atlassian],
      roles: [],
      admin: directory({ productAccess: [{ key: 'jira-software', role: 'user' }] }),
    },
    {
      type: 'atlassian',
      status: 'active',
      duplicate: false,
      accountId: 'a1',
      displayName: 'Jane',
      customerRole: false,
    },
  ],
  [
    "the Admin API: suspended wins over Jira's active",
    {
      jira: [atlassian],
      admin: directory({ isSuspended: true, productAccess: [{ key: 'jira-servicedesk', role: 'customer' }] }),
    },
    {
      type: 'atlassian',
      status: 'suspended',
      duplicate: false,
      accountId: 'a1',
      displayName: 'Jane',
      customerRole: true,
    },
  ],
  [
    'inactive in Jira without the Admin API: status unknown',
    { jira: [{ ...atlassian, active: false }] },
    { type: 'atlassian', duplicate: false, accountId: 'a1', displayName: 'Jane' },
  ],
  [
    'inactive in Jira, not suspended in the directory: deactivated',
    { jira: [{ ...atlassian, active: false }], admin: directory({ accountStatus: 'inactive' }) },
    { type: 'atlassian', status: 'deactivated', duplicate: false, accountId: 'a1', displayName: 'Jane' },
  ],
  [
    'a portal-only account holds the Customer role',
    { jira: [portal] },
    { type: 'portal-only', status: 'active', duplicate: false, accountId: 'c1', customerRole: true },
  ],
  [
    'both kinds for one address: a duplicate',
    { jira: [portal, atlassian] },
    { type: 'atlassian', status: 'active', duplicate: true, accountId: 'a1', displayName: 'Jane' },
  ],
  [
    'only the directory knows the person (Jira left them out): suspended',
    { jira: [], admin: directory({ isSuspended: true }) },
    { type: 'atlassian', status: 'suspended', duplicate: false, accountId: 'a1' },
  ],
];

test.each(cases)('%s', (_name, reads, expected) => {
  expect(senderAccount(reads)).toEqual(expected);
});
