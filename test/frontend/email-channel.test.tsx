/**
 * The email channel form on the admin page: which address customers write to (DMARC applies to the
 * Atlassian-provided one only) is entered by an explicit choice, like every other fact.
 */
import { answerWith, button, field, host, invoked, render, textOf, user, waitFor } from './harness';
import React from 'react';
import { App } from '../../src/frontend/app';
import { radios } from './steps';
import { ADMIN_CONTEXT, EMPTY_SITE, adminState } from './fixtures';

beforeEach(() => {
  host.context = ADMIN_CONTEXT;
});

test('the mailbox starts at Not entered and is saved only when chosen', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: adminState(EMPTY_SITE) }),
    saveSettings: () => ({ ok: true, data: adminState() }),
  });
  await render(<App />);
  await waitFor(() => textOf().includes('Customer Access Doctor'), 'the page');
  await user.tab('Site settings');
  expect(radios('mailbox').props.value).toBe('unset');
  await user.choose(radios('blocklistEntered'), 'entered');
  await user.type(field('Blocklist: domains or addresses, one per line'), 'spam.example');
  await user.choose(radios('mailbox'), 'custom');
  await user.submit(button('Save allowlist and blocklist'));
  expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
    { section: 'emailChannel', value: { blocklist: ['spam.example'], mailbox: 'custom' }, expectedAt: null },
  ]);
});
