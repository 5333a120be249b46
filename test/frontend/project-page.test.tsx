/**
 * The project settings page: the sender check for its own project only, its own facts, the site's
 * facts read-only, and nothing about any other project, even when handed more than it should show.
 */
import {
  answerWith,
  button,
  byType,
  deferred,
  field,
  hasButton,
  host,
  invoked,
  render,
  table,
  textOf,
  user,
  waitFor,
} from './harness';
import React from 'react';
import { App } from '../../src/frontend/app';
import { sampleSnapshot } from '../../src/evaluator';
import type { AppState } from '../../src/backend/keys';
import { DESKS, EMPTY_SITE, PROJECT_CONTEXT, danRejected, clone } from './fixtures';

const NOW = Date.parse('2026-11-21T23:00:00Z');

/** What a careless backend might send: the whole site, VIP included. */
function projectState(extra: Partial<AppState> = {}): AppState {
  return {
    caller: { page: 'project', projectKey: 'HELP', isJiraAdmin: false },
    snapshot: clone(sampleSnapshot),
    serviceDesks: DESKS,
    adminApi: { keySet: false },
    stale: [],
    unreadable: {},
    ...extra,
  };
}

function expectNothingAboutVip() {
  const everything = JSON.stringify(host.doc);
  expect(everything).not.toContain('VIP');
  expect(everything).not.toContain('Executive support');
}

beforeEach(() => {
  host.context = PROJECT_CONTEXT;
});

test('shows a spinner while loading', async () => {
  const answer = deferred<unknown>();
  answerWith({ getAppState: () => answer.promise });
  await render(<App now={NOW} />);
  expect(byType('Spinner')).toHaveLength(1);
  answer.resolve({ ok: true, data: projectState() });
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  expect(byType('Spinner')).toHaveLength(0);
});

test('checks senders against this project only, with no project to choose', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: projectState() }),
    diagnose: () => ({ ok: true, data: danRejected() }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  expect(byType('Select')).toHaveLength(0);
  expect(textOf()).toContain('Service project: IT Help desk (HELP)');
  expect(byType('Tabs')).toHaveLength(0);

  await user.type(field("Sender's email address"), 'dan@contractor.io');
  await user.submit(field("Sender's email address"));
  await waitFor(() => textOf().includes('How to fix'), 'the answer');
  expect(invoked('diagnose').map((i) => i.payload)).toEqual([
    { email: 'dan@contractor.io', projectKey: 'HELP' },
  ]);
  expect(textOf()).toContain('dan@contractor.io writing to IT Help desk (HELP)\nVerdict:\nRejected');
  expectNothingAboutVip();
});

test("shows this project's own facts and the site's facts read-only, nothing about other projects", async () => {
  answerWith({ getAppState: () => ({ ok: true, data: projectState() }) });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes("This project's settings"), 'the page');
  expect(table('Settings of IT Help desk (HELP)').rows.map((r) => r.slice(0, 2))).toEqual([
    ['IT Help desk (HELP): Customer permissions', 'Open'],
    ['IT Help desk (HELP): "Customer invited" notification', 'Enabled'],
    ['IT Help desk (HELP): customers', '2 on the Customers page'],
    ['IT Help desk (HELP): "Service Project Customer - Portal Access" can browse and create', 'Yes'],
  ]);
  const site = table('Site-wide settings').rows;
  expect(site.map((r) => r[0])).toContain(
    'Use approved domains to grant internal customers access to the help center with Atlassian accounts',
  );
  expect(site.find((r) => r[0] === 'Any domain')?.[1]).toBe('Customer');
  // Site settings are read-only: no forms for them, no API key, no audit; only this project's own form.
  expect(byType('Checkbox')).toHaveLength(0);
  expect(byType('RadioGroup').map((r) => r.props.name)).toEqual(['access-HELP', 'notification-HELP']);
  expect(hasButton('Save Customer access')).toBe(false);
  expect(textOf()).not.toContain('API key');
  expectNothingAboutVip();
});

test('a project admin enters this project\'s Customer permissions and its "Customer invited" notification', async () => {
  const state = projectState();
  state.snapshot.sources = {
    ...state.snapshot.sources,
    'projects.HELP.access': { kind: 'entered', by: 'Ana Admin', at: '2026-11-20T10:00:00Z' },
    'projects.HELP.portalAccessGrants': { kind: 'live', at: '2026-11-21T22:00:00Z' },
  };
  delete state.snapshot.projects!.HELP.customerInvitedNotification;
  answerWith({
    getAppState: () => ({ ok: true, data: state }),
    saveSettings: () => ({ ok: true, data: state }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes("This project's settings"), 'the page');
  // Each fact with its own source: the live one is not relabelled by what an admin entered.
  const rows = table('Settings of IT Help desk (HELP)').rows;
  expect(rows[0]).toEqual([
    'IT Help desk (HELP): Customer permissions',
    'Open',
    'Entered by an admin (Ana Admin), 1 day ago',
  ]);
  expect(rows[1]).toEqual([
    'IT Help desk (HELP): "Customer invited" notification',
    'Unknown (not entered)',
    'Not entered yet',
  ]);
  expect(rows[3][2]).toBe('Read live from Atlassian, 1 hour ago');
  // Save untouched: nothing is recorded.
  await user.submit(button('Save HELP settings'));
  expect(invoked('saveSettings')).toHaveLength(0);
  expect(textOf()).toContain('Nothing changed, so nothing was saved');
  const access = byType('RadioGroup')[0];
  expect(access.props.value).toBe('open');
  await user.choose(access, 'restricted');
  await user.choose(byType('RadioGroup')[1], 'on');
  await user.submit(button('Save HELP settings'));
  expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
    {
      section: 'project',
      projectKey: 'HELP',
      value: { access: 'restricted', customerInvitedNotification: true },
      expectedAt: '2026-11-20T10:00:00Z',
    },
  ]);
  await waitFor(() => textOf().includes('Settings of IT Help desk (HELP) saved.'), 'saved');
  expectNothingAboutVip();
});

test('a save that lost to another admin says so and keeps the choices in the form', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: projectState() }),
    saveSettings: () => ({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'Someone else saved the settings of HELP at 2026-11-23T10:00:00Z after this page read them, so your change was not saved.',
      },
    }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes("This project's settings"), 'the page');
  await user.choose(byType('RadioGroup')[0], 'restricted');
  await user.submit(button('Save HELP settings'));
  await waitFor(() => textOf().includes('Someone else saved these settings first'), 'the conflict');
  expect(textOf()).toContain('your change was not saved');
  expect(byType('RadioGroup')[0].props.value).toBe('restricted');
  // The page read again what is entered now.
  expect(invoked('getAppState')).toHaveLength(2);
});

test('after an invalid address, the previous answer is gone', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: projectState() }),
    diagnose: () => ({ ok: true, data: danRejected() }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  await user.type(field("Sender's email address"), 'dan@contractor.io');
  await user.submit(field("Sender's email address"));
  await waitFor(() => textOf().includes('dan@contractor.io writing to'), 'the answer');
  await user.type(field("Sender's email address"), 'jane@');
  await user.submit(field("Sender's email address"));
  expect(field("Sender's email address").props.isInvalid).toBe(true);
  expect(textOf()).not.toContain('dan@contractor.io writing to');
  expect(textOf()).not.toContain('Verdict:');
});

test('failed reads of other projects are not mentioned', async () => {
  answerWith({
    getAppState: () => ({
      ok: true,
      data: projectState({
        unreadable: { 'projects.VIP': 'VIP customers: 500', customerAccess: 'not readable by any API' },
      }),
    }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Some settings could not be read'), 'the warning');
  expect(textOf()).toContain('Customer access: not readable by any API');
  expectNothingAboutVip();
});

test("forbidden: says the page is for this project's admins", async () => {
  answerWith({
    getAppState: () => ({
      ok: false,
      error: { code: 'forbidden', message: 'You are not an administrator of HELP.' },
    }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => byType('SectionMessage').length > 0, 'the message');
  expect(textOf()).toContain(
    "You don't have permission to use this page\nYou are not an administrator of HELP.",
  );
  expect(textOf()).toContain('This page is for administrators of this service project');
  expect(byType('Textfield')).toHaveLength(0);
});

test('first run: tells a project admin that a Jira admin enters the site settings', async () => {
  answerWith({
    getAppState: () => ({
      ok: true,
      data: projectState({ snapshot: clone(EMPTY_SITE), serviceDesks: [DESKS[0]] }),
    }),
  });
  await render(<App now={NOW} />);
  await waitFor(
    () => textOf().includes('Some settings the answers need have not been entered yet'),
    'the guide',
  );
  expect(textOf()).toContain('Still to enter (');
  expect(textOf()).toContain('Customer permissions of IT Help desk (HELP)');
  expect(textOf()).toContain('Jira settings > Apps > Customer Access Doctor > Site settings');
  expect(textOf()).toContain("Enter this project's Customer permissions below");
  expect(hasButton('Enter site settings')).toBe(false);
});

test('an invalid address is refused on the field', async () => {
  answerWith({ getAppState: () => ({ ok: true, data: projectState() }) });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  await user.type(field("Sender's email address"), 'jane@');
  await user.submit(field("Sender's email address"));
  expect(field("Sender's email address").props.isInvalid).toBe(true);
  expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual([
    'Enter one email address, such as jane@example.com: no domain follows the "@".',
  ]);
  expect(invoked('diagnose')).toHaveLength(0);
});
