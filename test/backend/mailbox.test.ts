/**
 * The address customers write to, as a Jira admin entered it, decides whether a DMARC failure blocks
 * the email (domain.md §1.4): the real handler, the real @forge/api, against the local fake Atlassian.
 */
jest.mock('@forge/kvs', () => jest.requireActual('./kvs-memory').kvsModule);
import type { FakeAtlassian } from '../../dev/fake-atlassian';
import { call, dataOf, startFake } from './harness';

let fake: FakeAtlassian;
beforeEach(async () => {
  fake = await startFake();
});
afterEach(() => fake.close());

const DMARC_FAIL = { 'Authentication-Results': 'mx.example; dmarc=fail (p=reject) header.from=acme.com' };

async function check() {
  return dataOf(await call('diagnose', { email: 'jane@acme.com', projectKey: 'HELP', headers: DMARC_FAIL }))
    .inbound;
}

test.each([
  ['atlassian', 'rejected'],
  ['custom', 'not rejected for DMARC'],
])('entered as %s: a DMARC failure is %s', async (mailbox, expected) => {
  const value = { allowlist: [], blocklist: [], mailbox };
  dataOf(await call('saveSettings', { section: 'emailChannel', value }));
  const inbound = await check();
  if (expected === 'rejected') {
    expect(inbound.verdict).toBe('rejected');
    expect(inbound.causes[0]).toBe('dmarc-failed');
  } else {
    expect(inbound.causes).not.toContain('dmarc-failed');
  }
});

test('not entered: the DMARC check turns on the mailbox, and the answer says so', async () => {
  dataOf(await call('saveSettings', { section: 'emailChannel', value: { allowlist: [], blocklist: [] } }));
  const inbound = await check();
  expect(inbound.verdict).not.toBe('accepted');
  expect(inbound.turnsOn).toContain('emailChannel.mailbox');
});
