/**
 * The project settings page: the sender check for its own project only, its own facts, the site's
 * facts read-only, and nothing about any other project, even when handed more than it should show.
 */
import {
  sectionOf,
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
import {
  LOG_NO_PERMISSION,
  bulkDiagnose,
  readAddressRows,
  sampleSnapshot,
  type Fix,
} from '../../src/evaluator';
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
  expect(textOf()).toContain('Service project\nIT Help desk (HELP)');
  expect(byType('Tabs')).toHaveLength(0);

  await user.type(field("Sender's email address"), 'dan@contractor.io');
  await user.submit(field("Sender's email address"));
  await waitFor(() => textOf().includes('writing to'), 'the answer');
  expect(invoked('diagnose').map((i) => i.payload)).toEqual([
    { email: 'dan@contractor.io', projectKey: 'HELP' },
  ]);
  expect(textOf()).toContain('dan@contractor.io writing to IT Help desk (HELP)\nRejected');
  expectNothingAboutVip();
});

test("a project admin's own fix comes first; the rest is a note to copy to the admin who can make it", async () => {
  const answer = danRejected();
  answer.inbound.log = LOG_NO_PERMISSION;
  answer.inbound.causes = ['project-restricted'];
  const change = (id: string, who: Fix['who'], action: string, where: string) => ({
    id,
    who,
    action,
    where,
    patch: [],
  });
  answer.inbound.fixes = [
    {
      cause: 'project-restricted',
      causes: ['project-restricted'],
      action: 'Grant the domain',
      where: 'admin.atlassian.com > Products > User access settings > Approved domains',
      changes: [
        change(
          'approve-domain',
          'org-admin',
          'Add contractor.io to Approved domains with the Jira Service Management role Customer',
          'admin.atlassian.com > Products > User access settings > Approved domains',
        ),
      ],
      who: 'org-admin',
      risky: false,
      letsIn: 'anyone with an @contractor.io address (Atlassian account)',
    },
    {
      cause: 'project-restricted',
      causes: ['project-restricted'],
      action: "Invite dan@contractor.io on HELP's Customers page (Add customers)",
      where: 'HELP > Customers > Add customers',
      link: 'https://acme-support.atlassian.net/jira/servicedesk/projects/HELP/customers',
      changes: [
        change(
          'invite-customer',
          'agent',
          "Invite dan@contractor.io on HELP's Customers page (Add customers)",
          'HELP > Customers > Add customers',
        ),
      ],
      who: 'agent',
      risky: false,
      letsIn: 'only this sender',
    },
  ];
  const state = projectState();
  answerWith({
    getAppState: () => ({ ok: true, data: state }),
    diagnose: () => ({ ok: true, data: answer }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Check a sender'), 'the page');
  await user.type(field("Sender's email address"), 'dan@contractor.io');
  await user.submit(field("Sender's email address"));
  await waitFor(() => textOf().includes('writing to'), 'the answer');
  const page = textOf();
  // The one a project admin can make, first, even though the evaluator listed it second.
  expect(textOf(sectionOf('The fix you can make'))).toContain(
    "Invite dan@contractor.io on HELP's Customers page (Add customers)\nWho can make it: an agent of the project. Lets in: only this sender.",
  );
  expect(page.indexOf('The fix you can make')).toBeLessThan(page.indexOf('Or ask an organization admin'));
  // The rest: a note with who, what, where, why and the sender, ready to copy.
  const note = byType('CodeBlock');
  expect(note).toHaveLength(1);
  expect(note[0].props.text).toBe(
    [
      'To an organization admin:',
      '',
      'dan@contractor.io cannot raise requests by email in IT Help desk (HELP).',
      `The project's email log shows: "${LOG_NO_PERMISSION}"`,
      'Why: The project is Restricted and the sender is not one of its customers.',
      '',
      'This change fixes it:',
      '1. Grant the domain',
      '   Who: an organization admin',
      '   Where: admin.atlassian.com > Products > User access settings > Approved domains (https://admin.atlassian.com/)',
      '   Lets in: anyone with an @contractor.io address (Atlassian account)',
      '',
      'Checked with Customer Access Doctor by a project admin of HELP.',
    ].join('\n'),
  );
  // A project page never links to the organization's own pages (it is never given the org id).
  expect(byType('Link').map((l) => String(l.props.href))).not.toContainEqual(expect.stringContaining('/o/'));
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
  expect(byType('Lozenge').filter((l) => textOf(l) === 'Rejected')).toHaveLength(0);
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
    'Sender\'s email address: enter one email address, such as jane@example.com (no domain follows the "@").',
  ]);
  expect(invoked('diagnose')).toHaveLength(0);
});

test('Check many on the project page checks an export against this project only', async () => {
  answerWith({
    getAppState: () => ({ ok: true, data: projectState() }),
    diagnoseBulk: (p: { text: string; projectKey: string }) => ({
      ok: true,
      data: bulkDiagnose(sampleSnapshot, readAddressRows(p.text), { project: p.projectKey }),
    }),
  });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Check many'), 'the page');
  await user.type(field('Addresses or an email log export'), 'email\ndan@contractor.io\njane@acme.com');
  await user.submit(button('Check all'));
  await waitFor(() => textOf().includes('2 lines checked'), 'the summary');
  expect(invoked('diagnoseBulk').map((i) => (i.payload as { projectKey: string }).projectKey)).toEqual([
    'HELP',
  ]);
  expectNothingAboutVip();
});
