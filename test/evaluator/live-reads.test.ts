/**
 * Partial knowledge a live read gives (contract.md §1 "Additions"): an inactive account, "no active
 * account visible", an approved-domain row the app does not recognise. None may become a confident
 * verdict, and each names the fact it turns on, with the reason in words.
 */
import cases from './scenarios/live-reads.json';
import { diagnose, parseSnapshot } from '../../src/evaluator';
import { site } from './helpers';

interface Case {
  name: string;
  email: string;
  set?: Record<string, unknown>;
  expect: { verdict: string; account?: string | null; turnsOn?: string[] };
}

describe.each(cases as Case[])('$name', (c) => {
  const d = diagnose(site(c.set as never), c.email, { project: 'HELP' });
  it(`inbound verdict is ${c.expect.verdict}`, () => expect(d.inbound.verdict).toBe(c.expect.verdict));
  if (c.expect.account !== undefined)
    it(`account is ${c.expect.account}`, () => expect(d.inbound.account).toBe(c.expect.account));
  if (c.expect.turnsOn)
    it('names the fact it turns on', () =>
      expect(d.inbound.turnsOn).toEqual(expect.arrayContaining(c.expect.turnsOn!)));
});

test('an inactive account: each status it could have is named with its outcome', () => {
  const d = diagnose(
    site({
      accounts: {
        'sam@acme.com': { type: 'atlassian', status: 'inactive', customerRole: true, duplicate: false },
      },
    }),
    'sam@acme.com',
    { project: 'HELP' },
  );
  const status = d.inbound.checks.find((k) => k.id === 'account-status');
  expect(status?.result).toBe('unknown');
  const text = JSON.stringify(status);
  expect(text).toContain('suspended');
  expect(text).toContain('organization API key');
  expect(text).not.toMatch(/"active"/);
});

test('"no active account" says why existence is open', () => {
  const d = diagnose(
    site({ accounts: { 'ann@acme.com': { lookup: 'no-active-account' } } }),
    'ann@acme.com',
    {
      project: 'HELP',
    },
  );
  expect(JSON.stringify(d.inbound.checks)).toContain('Jira shows no active account with this address');
});

test('an unrecognised row shows its raw id', () => {
  const d = diagnose(
    site({
      customerAccess: { external: false },
      approvedDomains: { unrecognised: { 'odd.io': 'ari:cloud:jira-servicedesk::role/mystery' } },
    }),
    'ann@odd.io',
    { project: 'HELP' },
  );
  expect(JSON.stringify(d.inbound)).toContain('ari:cloud:jira-servicedesk::role/mystery');
});

test('the snapshot format accepts the additions and refuses other lookups', () => {
  expect(() =>
    parseSnapshot({
      format: 'customer-access-doctor/snapshot',
      version: 1,
      accounts: { 'a@b.io': { lookup: 'maybe' } },
    }),
  ).toThrow(/lookup/);
});
