import { host, render, textOf, field, button, user, waitFor, answerWith, invoked, byType } from './harness';
import React from 'react';
import { App } from '../../src/frontend/app';
import { ADMIN_CONTEXT, adminState, bobRejected } from './fixtures';

beforeEach(() => {
  host.context = ADMIN_CONTEXT;
});

test('smoke', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: adminState() }),
    diagnose: () => ({ ok: true, data: bobRejected() }),
  });
  await render(<App />);
  await waitFor(() => textOf().includes('Check a sender'));
  console.log(textOf());
  await user.type(field("Sender's email address"), 'bob@ext.io');
  await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
  await user.submit(button('Check sender'));
  await waitFor(() => textOf().includes('How to fix'));
  console.log(textOf());
  console.log(JSON.stringify(invoked()));
  void byType;
});
