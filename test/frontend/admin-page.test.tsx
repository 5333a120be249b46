/**
 * The admin page through the real @forge/react reconciler and a fake Forge host, with resolver
 * answers written by hand (the backend's contract), so every state can be produced on purpose.
 */
import {
  answerWith,
  button,
  byType,
  deferred,
  field,
  hasButton,
  sectionOf,
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
import { LOG_NOT_ALLOWED_DOMAIN, sampleSnapshot } from '../../src/evaluator';
import type { AppState } from '../../src/backend/keys';
import { checkSender, fillCustomerAccess, radios } from './steps';
import {
  ADMIN_CONTEXT,
  EMPTY_SITE,
  adminState,
  alexRejected,
  danRejected,
  clone,
  kimUnknown,
} from './fixtures';

const NOW = Date.parse('2026-11-21T23:00:00Z');

/** Page text on one line: a bold word inside a sentence is its own block to textOf, not to a reader. */
const flat = (text: string) => text.replace(/\s*\n\s*/g, ' ');

beforeEach(() => {
  host.context = ADMIN_CONTEXT;
});

async function openAdminPage(
  state: AppState = adminState(),
  more: Record<string, (p: never) => unknown> = {},
) {
  answerWith({ getAppState: () => ({ ok: true, data: state }), ...more });
  await render(<App now={NOW} />);
  await waitFor(() => textOf().includes('Customer Access Doctor'), 'the page');
}

describe('loading', () => {
  test('shows a spinner until the site settings are read, then the tabs', async () => {
    const answer = deferred<unknown>();
    answerWith({ getAppState: () => answer.promise });
    await render(<App now={NOW} />);
    expect(byType('Spinner')).toHaveLength(1);
    expect(textOf()).toContain("Reading your site's settings");
    expect(byType('Tabs')).toHaveLength(0);

    answer.resolve({ ok: true, data: adminState() });
    await waitFor(() => byType('Tabs').length === 1, 'the tabs');
    expect(byType('Spinner')).toHaveLength(0);
    expect(textOf()).toMatch(/Check a sender\nSite settings\nCheck many\nAudit/);
    expect(invoked().map((i) => i.functionKey)).toEqual(['getAppState']);
  });
});

describe('Check a sender', () => {
  test('answers with the verdict, the email log line, the invitation, why, fixes and what if', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    await checkSender(' dan@contractor.io ', 'IT Help desk (HELP)');

    expect(invoked('diagnose').map((i) => i.payload)).toEqual([
      { email: 'dan@contractor.io', projectKey: 'HELP' },
    ]);
    const page = textOf();
    // Top down: the verdict in words (not colour only) with the exact email-log line, then the cause.
    expect(flat(page)).toContain(
      `dan@contractor.io writing to IT Help desk (HELP) Rejected The email log shows: "${LOG_NOT_ALLOWED_DOMAIN}" Cause: The sender's domain is not on the portal-only (External) domain list.`,
    );
    const verdict = byType('Lozenge').find((l) => textOf(l) === 'Rejected');
    expect(verdict?.props.appearance).toBe('removed');
    // Then the one fix a Jira admin can make: who makes it, who else it lets in, where, and a link.
    const fix = textOf(sectionOf('The fix you can make'));
    expect(fix).toBe(
      [
        'The fix you can make',
        'Add contractor.io to the domain list of "Allow portal-only accounts to be created for new customers"',
        'Who can make it: a Jira admin. Lets in: everyone at contractor.io.',
        'Where: Settings > Products > Jira Service Management > Customer access Open the settings page',
      ].join('\n'),
    );
    expect(byType('Link', sectionOf('The fix you can make'))[0].props.href).toBe(
      'https://acme-support.atlassian.net/jira/settings/products/servicedesk/customer-access',
    );
    // The order: verdict, fix, other fixes, Why, the invite.
    const order = ['Rejected', 'The fix you can make', 'Show 1 other fix', 'Why', 'If an agent invites'];
    const at = order.map((s) => page.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The other fixes: collapsed; opened, the broad one is marked Risky (exactly when risky) with whom it lets in.
    expect(page).not.toContain('Uncheck "Only allow');
    await user.click(button('Show 1 other fix'));
    const others = textOf(sectionOf('Other fixes'));
    expect(others).toContain(
      'Uncheck "Only allow account creation for customers with specific email domains"\nRisky\nWho can make it: a Jira admin. Lets in: anyone with any email address.',
    );
    expect(byType('Lozenge').filter((l) => textOf(l) === 'Risky')).toHaveLength(1);
    // Why: collapsed by default; opened, each check in one line with its fact and source.
    expect(page).not.toContain('Existing account');
    await user.click(button('Show the 3 checks Jira makes'));
    const why = textOf(sectionOf('Why'));
    expect(flat(why)).toMatch(
      /Passes Email filters : contractor\.io is not on the blocklist\.[\s\S]*Passes Existing account[\s\S]*Fails A new account can be created/,
    );
    expect(why).toContain(
      'Only allow account creation for customers with specific email domains: partner.com, supplier.example (Sample data (not your site))',
    );
    expect(why).toContain('Accounts: none for dan@contractor.io (Sample data (not your site))');
    // The invite, as its own section, with the Customers page's exact error text.
    expect(flat(textOf(sectionOf('If an agent invites this address instead')))).toBe(
      [
        'If an agent invites this address instead',
        'No notification: the invite fails. Internal is on but contractor.io has no Customer role, and External excludes contractor.io.',
        'The Customers page shows: "The following customers could not be added: "bob@contractor.io" Please check the email addresses and try again."',
      ].join(' '),
    );
    // What if: a setting changes the outcome, so the table shows; the current row and the changes that matter.
    const matrix = table('What if the settings were different, for dan@contractor.io');
    expect(matrix.head).toEqual([
      'Now',
      'Internal (approved domains)',
      'External (portal-only)',
      'contractor.io in Approved domains',
      'Any domain',
      'Their email',
      'An invite sends',
    ]);
    expect(matrix.rows).toEqual([
      [
        'Current settings',
        'On',
        'On, this domain not listed',
        'No access',
        'Customer',
        "Rejected: The sender's domain is not on the portal-only (External) domain list",
        'None: the invite fails',
      ],
      [
        '',
        'On',
        'On, this domain not listed',
        'Not listed',
        'Customer',
        'Accepted: a new Atlassian account',
        'Atlassian Account Invitation',
      ],
      [
        '',
        'On',
        'On, this domain listed',
        'No access',
        'Customer',
        'Accepted: a new portal-only account',
        'JSM - Customer Notification',
      ],
    ]);
    expect(matrix.highlighted).toEqual([true, false, false]);
    expect(textOf(sectionOf('What if the settings were different'))).toContain('(2 of 3 possible changes)');
    await user.click(button('Show all 4 combinations'));
    const all = table('What if the settings were different, for dan@contractor.io');
    expect(all.rows).toHaveLength(4);
    expect(all.rows.filter((r) => r[0] === 'Current settings')).toHaveLength(1);
    expect(all.rows[0][0]).toBe('Current settings');
    await user.click(button('Show only the changes that matter'));
    expect(table('What if the settings were different, for dan@contractor.io').rows).toHaveLength(3);
  });

  test('a rejection whose log line is not certain never states one as what the log shows', async () => {
    const answer = danRejected();
    // Rejected whatever the unknown blocklist is, but the blocklist may filter the email first.
    answer.inbound.log = null;
    answer.inbound.causes = ['duplicate-accounts'];
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: answer }) });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
    expect(flat(textOf())).toContain(
      'Rejected No request is created. The email log shows "You don\'t have permission to access this service project." for this cause, unless a check the app cannot make yet refuses the email first.',
    );
  });

  test('no What if table when no setting changes the outcome', async () => {
    const answer = danRejected();
    answer.matrix!.rows = answer.matrix!.rows.map((r) => ({
      ...r,
      inbound: { verdict: 'rejected', account: null, causes: ['sender-suspended'] },
      invite: 'no-notification-error',
    }));
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: answer }) });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
    expect(textOf()).not.toContain('What if');
    expect(byType('DynamicTable')).toHaveLength(0);
  });

  test('admin.atlassian.com links go to the organization when the page knows its id', async () => {
    const answer = danRejected();
    answer.inbound.fixes = [
      {
        cause: 'sender-suspended',
        causes: ['sender-suspended'],
        action: "Restore dan@contractor.io's access (Directory > Users > the user > Restore access)",
        where: 'admin.atlassian.com > Directory > Users > the user',
        link: 'https://admin.atlassian.com/',
        changes: [
          {
            id: 'restore-access',
            who: 'org-admin',
            action: "Restore dan@contractor.io's access (Directory > Users > the user > Restore access)",
            where: 'admin.atlassian.com > Directory > Users > the user',
            link: 'https://admin.atlassian.com/',
            patch: [],
          },
        ],
        who: 'org-admin',
        risky: false,
        letsIn: 'only this sender',
      },
    ];
    answer.snapshot = clone(sampleSnapshot);
    answer.snapshot.accounts = {
      'dan@contractor.io': { type: 'atlassian', status: 'suspended', accountId: '5b10ac8d82e05b22cc7d4ef5' },
    };
    await openAdminPage(adminState(sampleSnapshot, { adminApi: { keySet: true, orgId: 'org-123' } }), {
      diagnose: () => ({ ok: true, data: answer }),
    });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
    const fix = sectionOf('The fix');
    expect(textOf(fix)).toContain('Who can make it: an organization admin. Lets in: only this sender.');
    expect(byType('Link', fix).map((l) => l.props.href)).toEqual([
      'https://admin.atlassian.com/o/org-123/users/5b10ac8d82e05b22cc7d4ef5',
    ]);
  });

  test('an unknown verdict names the missing setting, what each value of it gives and what settles it', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: kimUnknown() }) });
    await checkSender('kim@newco.example', 'IT Help desk (HELP)');
    const page = textOf();
    expect(page).toContain(
      [
        'kim@newco.example writing to IT Help desk (HELP)',
        'Unknown',
        'The app cannot tell yet: the outcome turns on External customers (portal-only accounts), which can be entered on the Site settings tab.',
        'If External customers (portal-only accounts) is "On": Accepted, with a new portal-only account.',
        'If External customers (portal-only accounts) is "Off": Rejected: The sender\'s domain is not granted the Customer role and portal-only accounts are off.',
        'To settle it: enter External customers (portal-only accounts) on the Site settings tab.',
      ].join('\n'),
    );
    await user.click(button('Show the 1 checks Jira makes'));
    // A fact with no value is never given a source: not "sample", "read live" or "entered"; no jargon.
    expect(textOf(sectionOf('Why'))).toContain(
      'External customers (portal-only accounts): Unknown (Not entered yet)',
    );
    expect(textOf()).not.toMatch(/snapshot|\(OPEN\)|Not reached/);
    // No row is the site's when a setting is unknown: all combinations, none marked.
    expect(textOf()).toContain('Some of the settings are not known yet, so no row is marked');
    const matrix = table('What if the settings were different, for kim@newco.example');
    expect(matrix.rows).toHaveLength(4);
    expect(matrix.rows.filter((r) => r[0] === 'Current settings')).toHaveLength(0);
  });

  test('re-checking another address does not read the site settings again', async () => {
    await openAdminPage(adminState(), {
      diagnose: (p: { email: string }) => ({
        ok: true,
        data: p.email === 'dan@contractor.io' ? danRejected() : alexRejected(),
      }),
    });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');

    await user.type(field("Sender's email address"), 'alex@acme-labs.com');
    await user.select(field('Service project the email is sent to'), 'Executive support (VIP)');
    await user.submit(button('Check sender'));
    await waitFor(
      () => textOf().includes('alex@acme-labs.com writing to Executive support (VIP)'),
      'the second',
    );

    expect(textOf()).not.toContain('dan@contractor.io writing to');
    expect(textOf()).toContain("You don't have permission to access this service project.");
    expect(invoked().map((i) => i.functionKey)).toEqual(['getAppState', 'diagnose', 'diagnose']);
    expect(invoked('diagnose')[1].payload).toEqual({ email: 'alex@acme-labs.com', projectKey: 'VIP' });
  });

  test('pasted message headers go with the check; a line that is not a header is refused on the field', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    await user.type(field('The email or its headers (optional)'), 'Precedence: bulk\nthis is the body');
    await user.type(field("Sender's email address"), 'dan@contractor.io');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    expect(field('The email or its headers (optional)').props.isInvalid).toBe(true);
    expect(textOf()).toContain(
      'The email or its headers (optional): not a header line (a header looks like "Precedence: bulk"): this is the body',
    );
    expect(invoked('diagnose')).toHaveLength(0);

    await user.type(
      field('The email or its headers (optional)'),
      'Precedence: bulk\nAuto-Submitted: auto-replied',
    );
    await user.submit(button('Check sender'));
    await waitFor(() => textOf().includes('dan@contractor.io writing to'), 'the answer');
    expect(invoked('diagnose').map((i) => i.payload)).toEqual([
      {
        email: 'dan@contractor.io',
        projectKey: 'HELP',
        headers: { Precedence: 'bulk', 'Auto-Submitted': 'auto-replied' },
      },
    ]);
  });

  test('a pasted raw email gives the sender (From) and the headers the filters read', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    const raw = [
      'Received: from mx.contractor.io by mail.atlassian.net; Sat, 21 Nov 2026 10:00:00 +0000',
      'DKIM-Signature: v=1; a=rsa-sha256; d=contractor.io; s=sel; b=abc',
      'From: Dan Example <dan@contractor.io>',
      'To: help@acme-support.atlassian.net',
      'Subject: Printer on fire',
      'Auto-Submitted: auto-replied',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, the printer is on fire.',
    ].join('\r\n');
    await user.type(field('The email or its headers (optional)'), raw);
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    await waitFor(() => textOf().includes('dan@contractor.io writing to'), 'the answer');
    expect(invoked('diagnose').map((i) => i.payload)).toEqual([
      {
        email: 'dan@contractor.io',
        projectKey: 'HELP',
        headers: { 'Auto-Submitted': 'auto-replied', 'Content-Type': 'text/plain; charset=utf-8' },
      },
    ]);
  });

  test('a pasted email from another sender than the address typed is refused on the field', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
    await user.type(field("Sender's email address"), 'kim@newco.example');
    await user.type(field('The email or its headers (optional)'), 'From: dan@contractor.io\nSubject: hi');
    await user.submit(button('Check sender'));
    expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual([
      "Sender's email address: kim@newco.example is not the pasted email's sender (From: dan@contractor.io). Clear one of the two.",
    ]);
    // The old answer goes: it is not about this input.
    expect(textOf()).not.toContain('writing to');
    expect(invoked('diagnose')).toHaveLength(1);
  });

  test('an international address is shown as typed, with its ASCII form beside it', async () => {
    const answer = danRejected();
    answer.email = 'user@xn--bcher-kva.de';
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: answer }) });
    await user.type(field("Sender's email address"), 'user@bücher.de');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    await waitFor(() => textOf().includes('writing to'), 'the answer');
    expect(textOf()).toContain('user@bücher.de (user@xn--bcher-kva.de) writing to IT Help desk (HELP)');
  });

  test('a read that failed during the check is named in the answer', async () => {
    const answer = { ...danRejected(), snapshot: clone(sampleSnapshot) };
    answer.snapshot.unreadable = { 'accounts.status': 'The Admin API answered 429 (rate limited).' };
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: answer }) });
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
    const warning = byType('SectionMessage').find(
      (m) => m.props.title === 'Some facts for this check could not be read',
    );
    expect(textOf(warning)).toContain(
      "Accounts: the sender's status (suspended or not): The Admin API answered 429 (rate limited).",
    );
    expect(textOf(warning)).toContain('The answer says Unknown where they decide and names them.');
    expect(textOf(warning)).not.toMatch(/everything/i);
  });

  test('an invalid address gets a message on the field and is not sent', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    await user.type(field("Sender's email address"), 'bob at contractor.io');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));

    const email = field("Sender's email address");
    expect(email.props.isInvalid).toBe(true);
    expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual([
      'Sender\'s email address: enter one email address, such as jane@example.com (it has no "@").',
    ]);
    expect(invoked('diagnose')).toHaveLength(0);

    // Typing again clears the message.
    await user.type(field("Sender's email address"), 'dan@contractor.io');
    expect(byType('ErrorMessage')).toHaveLength(0);
    expect(field("Sender's email address").props.isInvalid).toBe(false);
  });

  test('an address with an invisible character is refused on the field, the character named, not cleaned', async () => {
    await openAdminPage(adminState(), { diagnose: () => ({ ok: true, data: danRejected() }) });
    await user.type(field("Sender's email address"), 'bo@initech.com\u200b');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    expect(field("Sender's email address").props.isInvalid).toBe(true);
    expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual([
      'Sender\'s email address: enter one email address, such as jane@example.com (it contains U+200B ZERO WIDTH SPACE after "initech.com" (an invisible character); type the address again without it).',
    ]);
    expect(invoked('diagnose')).toHaveLength(0);
  });

  test("the server's refusal of an address also lands on the field", async () => {
    await openAdminPage(adminState(), {
      diagnose: () => ({
        ok: false,
        error: { code: 'invalid-input', message: 'The address is too long.', field: 'email' },
      }),
    });
    await user.type(field("Sender's email address"), 'dan@contractor.io');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    expect(field("Sender's email address").props.isInvalid).toBe(true);
    expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual(['The address is too long.']);
  });

  test('asks for the service project when none is chosen', async () => {
    await openAdminPage();
    await user.type(field("Sender's email address"), 'dan@contractor.io');
    await user.submit(button('Check sender'));
    expect(field('Service project the email is sent to').props.isInvalid).toBe(true);
    expect(byType('ErrorMessage').map((e) => textOf(e))).toEqual([
      'Service project the email is sent to: choose one.',
    ]);
    expect(invoked('diagnose')).toHaveLength(0);
  });

  test('an Atlassian API failure during a check says which read failed and that the rest still works', async () => {
    await openAdminPage(adminState(), {
      diagnose: () => ({
        ok: false,
        error: { code: 'upstream', message: 'Jira user search (/rest/api/3/user/search) answered 503.' },
      }),
    });
    await user.type(field("Sender's email address"), 'dan@contractor.io');
    await user.select(field('Service project the email is sent to'), 'IT Help desk (HELP)');
    await user.submit(button('Check sender'));
    const message = byType('SectionMessage').find((m) => m.props.title === 'An Atlassian API did not answer');
    expect(message).toBeDefined();
    expect(textOf(message)).toContain(
      'The app could not check this sender: Jira user search (/rest/api/3/user/search) answered 503.',
    );
    // It says what still works, never "everything", and offers Try again on the check that failed.
    expect(textOf(message)).not.toContain('Everything');
    expect(textOf(message)).toContain('What still works meanwhile: the settings you entered');
    await user.click(button('Try again'));
    expect(invoked('diagnose')).toHaveLength(2);
    expect(button('Check sender').props.isDisabled).toBe(false);
  });
});

describe('page states', () => {
  test('forbidden: says who may use the page and where to go instead', async () => {
    answerWith({
      getAppState: () => ({
        ok: false,
        error: { code: 'forbidden', message: 'Only Jira administrators can open this page.' },
      }),
    });
    await render(<App now={NOW} />);
    await waitFor(() => byType('SectionMessage').length > 0, 'the message');
    const page = textOf();
    expect(page).toContain("You don't have permission to use this page");
    expect(page).toContain('Only Jira administrators can open this page.');
    expect(page).toContain('This page is for Jira administrators');
    expect(byType('Tabs')).toHaveLength(0);
    expect(byType('Textfield')).toHaveLength(0);
  });

  test('upstream failure on load: names the failed read, and Try again reads again', async () => {
    let calls = 0;
    answerWith({
      getAppState: () =>
        ++calls === 1
          ? {
              ok: false,
              error: { code: 'upstream', message: 'Reading service desks failed: Jira answered 502.' },
            }
          : { ok: true, data: adminState() },
    });
    await render(<App now={NOW} />);
    await waitFor(() => textOf().includes("Couldn't read your site's settings"), 'the failure');
    expect(textOf()).toContain('Reading service desks failed: Jira answered 502.');
    await user.click(button('Try again'));
    await waitFor(() => byType('Tabs').length === 1, 'the page after retry');
    expect(invoked('getAppState')).toHaveLength(2);
  });

  test('some reads failed: lists them and what still works, and checks still run', async () => {
    const state = adminState(sampleSnapshot, {
      unreadable: { approvedDomains: 'The Admin API answered 401: the API key was revoked.' },
    });
    await openAdminPage(state, { diagnose: () => ({ ok: true, data: danRejected() }) });
    const warning = byType('SectionMessage').find(
      (m) => m.props.title === 'Some settings could not be read from Atlassian',
    );
    expect(textOf(warning)).toContain(
      'Approved domains: The Admin API answered 401: the API key was revoked.',
    );
    expect(textOf(warning)).toContain('What still works: you can check senders');
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
  });

  test('service desks unreadable: the projects the app knows are still offered', async () => {
    const state = adminState(sampleSnapshot, {
      serviceDesks: [],
      unreadable: { serviceDesks: 'GET /rest/servicedeskapi/servicedesk answered 503.' },
    });
    await openAdminPage(state, { diagnose: () => ({ ok: true, data: danRejected() }) });
    expect(textOf()).toContain('Service projects: GET /rest/servicedeskapi/servicedesk answered 503.');
    const options = field('Service project the email is sent to').props.options as { label: string }[];
    expect(options.map((o) => o.label)).toEqual(['IT Help desk (HELP)', 'Executive support (VIP)']);
    await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
  });

  test('first run: a guide to what to enter and where, leading to Site settings', async () => {
    await openAdminPage(adminState(EMPTY_SITE, { serviceDesks: [adminState().serviceDesks[0]] }));
    const guide = byType('SectionMessage').find((m) =>
      String(m.props.title).startsWith("Welcome: tell the app what Atlassian won't let it read"),
    );
    expect(guide).toBeDefined();
    const text = textOf(guide);
    expect(text).toContain('Settings > Products > Jira Service Management > Customer access');
    expect(text).toContain('admin.atlassian.com > Products > User access settings > Approved domains');
    expect(text).toContain('Project settings > Access > Customer permissions');
    await user.click(button('Enter site settings'));
    expect(byType('Tabs')[0].props.selected).toBe(1);
    expect(textOf()).toContain('What the app knows');
    expect(table('Site facts').rows[0]).toEqual([
      'Use approved domains to grant internal customers access to the help center with Atlassian accounts',
      'Unknown (not entered)',
      'Not entered yet',
    ]);
  });

  test('no first-run guide once settings are entered', async () => {
    await openAdminPage();
    expect(textOf()).not.toContain('Welcome: tell the app');
  });
});

describe('Site settings', () => {
  const entered = () => {
    const snapshot = clone(sampleSnapshot);
    snapshot.sources = {
      customerAccess: { kind: 'entered', by: 'Ana Admin', at: '2026-11-18T23:00:00Z' },
      approvedDomains: { kind: 'entered', by: 'Ana Admin', at: '2026-11-21T22:55:00Z' },
      projects: { kind: 'live', at: '2026-11-21T22:00:00Z' },
      accounts: { kind: 'live', at: '2026-11-21T22:00:00Z' },
    };
    return adminState(snapshot);
  };

  test('shows every fact with its source and age', async () => {
    await openAdminPage(entered());
    await user.tab('Site settings');
    const facts = table('Site facts');
    expect(facts.head).toEqual(['Setting', 'Value', 'Where it came from']);
    const row = (fact: string) => facts.rows.find((r) => r[0] === fact);
    expect(row('Allow portal-only accounts to be created for new customers')).toEqual([
      'Allow portal-only accounts to be created for new customers',
      'On',
      'Entered by an admin (Ana Admin), 3 days ago',
    ]);
    expect(row('Only allow account creation for customers with specific email domains')?.[1]).toBe(
      'Checked: partner.com, supplier.example',
    );
    expect(row('Portal access')?.[1]).toBe('Allow customers to create accounts');
    expect(row('Approved domain contractor.io')).toEqual([
      'Approved domain contractor.io',
      'No access',
      'Entered by an admin (Ana Admin), 5 minutes ago',
    ]);
    expect(row('Any domain')?.[1]).toBe('Customer');
    expect(row('Email blocklist')).toEqual([
      'Email blocklist',
      'spam.example, noreply@vendor.example',
      'Not recorded',
    ]);
    expect(row('Executive support (VIP): Customer permissions')).toEqual([
      'Executive support (VIP): Customer permissions',
      'Restricted: Only people directly invited to this project can submit requests',
      'Read live from Atlassian, 1 hour ago',
    ]);
  });

  test("enters Customer access with Atlassian's labels", async () => {
    const saved = adminState();
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: saved }) });
    await user.tab('Site settings');
    await fillCustomerAccess('Partner.com  supplier.example', 'not-allowed');
    const portal = byType('RadioGroup').find((r) => r.props.name === 'accountCreation')!;
    expect((portal.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Allow customers to create accounts',
      "Don't allow customers to create their own accounts",
      'Not entered (unknown)',
    ]);
    await user.submit(button('Save Customer access'));
    expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
      {
        section: 'customerAccess',
        value: {
          internal: true,
          external: true,
          externalDomains: ['partner.com', 'supplier.example'],
          accountCreation: 'not-allowed',
        },
        expectedAt: null,
      },
    ]);
    await waitFor(() => textOf().includes('Customer access saved.'), 'the confirmation');
  });

  test('refuses a domain list entry that is not a domain, on the field', async () => {
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    await user.choose(radios('external'), 'on');
    await user.choose(radios('externalDomains'), 'checked');
    await user.type(field('Email domains'), 'partner.com dan@contractor.io');
    await user.submit(button('Save Customer access'));
    expect(field('Email domains').props.isInvalid).toBe(true);
    expect(textOf()).toContain('Not a domain: dan@contractor.io.');
    expect(invoked('saveSettings')).toHaveLength(0);
  });

  test('Approved domains and Any domain are entered with roles Customer, User, No access', async () => {
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    await user.click(button('Add a domain'));
    await user.type(field('Domain 1'), 'Acme.com');
    // A row's role is chosen, never assumed.
    await user.submit(button('Save Approved domains'));
    expect(textOf()).toContain("Choose the role Atlassian's page shows for Acme.com.");
    await user.select(field('Role for Acme.com'), 'Customer');
    await user.click(button('Add a domain'));
    await user.type(field('Domain 2'), 'contractor.io');
    const role2 = field('Role for contractor.io');
    expect((role2.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Customer',
      'User',
      'No access',
    ]);
    await user.select(role2, 'No access');
    await user.select(field('Any domain (every domain that is not listed)'), 'Customer');
    await user.submit(button('Save Approved domains'));
    expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
      {
        section: 'approvedDomains',
        value: { domains: { 'acme.com': 'customer', 'contractor.io': 'none' }, anyDomain: 'customer' },
        expectedAt: null,
      },
    ]);
  });

  test('with an organization API key, Approved domains are read, not entered; the key is never shown', async () => {
    const state = adminState(sampleSnapshot, { adminApi: { keySet: true, orgId: 'org-123' } });
    await openAdminPage(state, { clearApiKey: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    expect(hasButton('Save Approved domains')).toBe(false);
    expect(textOf()).toContain('An organization API key is set for organization org-123.');
    expect(byType('Textfield').filter((t) => t.props.type === 'password')).toHaveLength(0);
    await user.click(button('Remove the API key'));
    expect(invoked('clearApiKey')).toHaveLength(1);
    await waitFor(() => hasButton('Save API key'), 'the key form');
    expect(hasButton('Save Approved domains')).toBe(true);
  });

  test('saving an API key sends it once and empties the field', async () => {
    const after = adminState(sampleSnapshot, { adminApi: { keySet: true, orgId: 'org-123' } });
    await openAdminPage(adminState(), { setApiKey: () => ({ ok: true, data: after }) });
    await user.tab('Site settings');
    await user.type(field('Organization ID'), 'org-123');
    await user.type(field('API key'), 'ATATT-secret-key');
    expect(field('API key').props.type).toBe('password');
    await user.submit(button('Save API key'));
    expect(invoked('setApiKey').map((i) => i.payload)).toEqual([
      { orgId: 'org-123', apiKey: 'ATATT-secret-key' },
    ]);
    await waitFor(() => textOf().includes('An organization API key is set'), 'the key set');
    expect(JSON.stringify(host.doc)).not.toContain('ATATT-secret-key');
  });

  test('a refused API key keeps the message on its field and the key out of the page', async () => {
    await openAdminPage(adminState(), {
      setApiKey: () => ({
        ok: false,
        error: { code: 'invalid-input', message: 'The Admin API refused this key.', field: 'apiKey' },
      }),
    });
    await user.tab('Site settings');
    await user.type(field('Organization ID'), 'org-123');
    await user.type(field('API key'), 'ATATT-wrong');
    await user.submit(button('Save API key'));
    expect(field('API key').props.isInvalid).toBe(true);
    expect(field('API key').props.value).toBe('');
    expect(textOf()).toContain('The Admin API refused this key.');
    expect(JSON.stringify(host.doc)).not.toContain('ATATT-wrong');
  });

  test("each project's Customer permissions: Open or Restricted", async () => {
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    const help = byType('RadioGroup').find((r) => r.props.name === 'access-HELP')!;
    expect((help.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Open',
      'Restricted: Only people directly invited to this project can submit requests',
      'Not entered (unknown)',
    ]);
    // Saving without a choice records nothing.
    await user.submit(button('Save HELP settings'));
    expect(invoked('saveSettings')).toHaveLength(0);
    expect(textOf()).toContain('Nothing changed, so nothing was saved');
    await user.choose(help, 'restricted');
    await user.choose(radios('notification-HELP'), 'off');
    await user.submit(button('Save HELP settings'));
    expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
      {
        section: 'project',
        projectKey: 'HELP',
        value: { access: 'restricted', customerInvitedNotification: false },
        expectedAt: null,
      },
    ]);
  });

  test('email allowlist and blocklist', async () => {
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    await user.choose(radios('allowlistEntered'), 'entered');
    await user.choose(radios('blocklistEntered'), 'entered');
    await user.type(field('Allowlist: domains, one per line'), 'partner.com\n');
    await user.type(
      field('Blocklist: domains or addresses, one per line'),
      'spam.example\nNoReply@Vendor.example',
    );
    await user.submit(button('Save allowlist and blocklist'));
    expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
      {
        section: 'emailChannel',
        value: { allowlist: ['partner.com'], blocklist: ['spam.example', 'noreply@vendor.example'] },
        expectedAt: null,
      },
    ]);
  });

  test('confirming entered facts and refreshing live reads', async () => {
    await openAdminPage(entered(), {
      confirmSettings: () => ({ ok: true, data: entered() }),
      refresh: () => ({ ok: true, data: entered() }),
    });
    await user.tab('Site settings');
    // Only entered sections can be confirmed.
    expect(hasButton('Confirm Customer access is still right')).toBe(true);
    expect(hasButton('Confirm Email allowlist and blocklist is still right')).toBe(false);
    await user.click(button('Confirm Customer access is still right'));
    expect(invoked('confirmSettings').map((i) => i.payload)).toEqual([{ section: 'customerAccess' }]);
    await waitFor(() => textOf().includes('Confirmed: Customer access is still right.'), 'confirmation');
    await user.click(button('Refresh live reads'));
    expect(invoked('refresh')).toHaveLength(1);
    expect(invoked('getAppState')).toHaveLength(1);
  });

  test('a save refused for lack of permission says so', async () => {
    await openAdminPage(adminState(EMPTY_SITE), {
      saveSettings: () => ({
        ok: false,
        error: { code: 'forbidden', message: 'Only Jira admins can save settings.' },
      }),
    });
    await user.tab('Site settings');
    await user.choose(radios('internal'), 'on');
    await user.submit(button('Save Customer access'));
    expect(textOf()).toContain('The app could not save Customer access: Only Jira admins can save settings.');
  });
});

describe('Entered facts are what the admin entered', () => {
  test('every Customer access setting starts at "Not entered"; Save untouched records nothing', async () => {
    await openAdminPage(adminState(EMPTY_SITE), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    for (const name of ['internal', 'external', 'accountCreation']) {
      expect(radios(name).props.value).toBe('unset');
      expect((radios(name).props.options as { label: string }[]).at(-1)?.label).toBe('Not entered (unknown)');
    }
    await user.submit(button('Save Customer access'));
    expect(invoked('saveSettings')).toHaveLength(0);
    expect(textOf()).toContain('Nothing changed, so nothing was saved');
    // One choice records that one fact only: the others stay not entered.
    await user.choose(radios('external'), 'off');
    await user.submit(button('Save Customer access'));
    expect(invoked('saveSettings').map((i) => i.payload)).toEqual([
      { section: 'customerAccess', value: { external: false }, expectedAt: null },
    ]);
  });

  test('an entered site: Save untouched sends nothing either', async () => {
    const snapshot = clone(sampleSnapshot);
    snapshot.sources = { customerAccess: { kind: 'entered', by: 'Ana', at: '2026-11-20T10:00:00Z' } };
    await openAdminPage(adminState(snapshot), { saveSettings: () => ({ ok: true, data: adminState() }) });
    await user.tab('Site settings');
    expect(radios('internal').props.value).toBe('on');
    await user.submit(button('Save Customer access'));
    expect(invoked('saveSettings')).toHaveLength(0);
    await user.choose(radios('accountCreation'), 'not-allowed');
    await user.submit(button('Save Customer access'));
    expect(invoked('saveSettings')[0].payload).toMatchObject({
      value: { accountCreation: 'not-allowed', internal: true },
      expectedAt: '2026-11-20T10:00:00Z',
    });
  });

  test('the first-run guide says which facts remain, and stays until they are entered', async () => {
    const partial = clone(EMPTY_SITE);
    partial.customerAccess = { internal: false, external: true };
    await openAdminPage(adminState(partial, { serviceDesks: [adminState().serviceDesks[0]] }));
    const guide = textOf(byType('SectionMessage').find((m) => String(m.props.title).startsWith('Welcome'))!);
    expect(guide).toContain('Still to enter (5):');
    expect(guide).toContain('Email requests: the blocklist');
    expect(guide).toContain(
      'Customer access: "Only allow account creation for customers with specific email domains" and its domains',
    );
    expect(guide).toContain('Customer access: Portal access');
    expect(guide).toContain('Customer permissions of IT Help desk (HELP)');
    // Internal is off: approved domains do not decide, so they are not asked for.
    expect(guide).not.toContain('Approved domains:');
  });

  test('role ids the Admin API sent that the app does not recognise: a Jira admin says what each means', async () => {
    const snapshot = clone(sampleSnapshot);
    (snapshot.approvedDomains as Record<string, unknown>).unrecognised = {
      'contractor.io': 'ari:cloud:jira-servicedesk::role/x-customer',
      ANYONE: 'ari:cloud:jira-servicedesk::role/x-customer',
    };
    const state = adminState(snapshot, { adminApi: { keySet: true, orgId: 'org-123' } });
    const after = adminState(snapshot, {
      adminApi: { keySet: true, orgId: 'org-123' },
      roleMeanings: {
        'ari:cloud:jira-servicedesk::role/x-customer': {
          role: 'customer',
          by: 'Ana',
          at: '2026-11-23T10:00:00Z',
        },
      },
    });
    await openAdminPage(state, { saveRoleMeaning: () => ({ ok: true, data: after }) });
    await user.tab('Site settings');
    const select = field(
      'Role id ari:cloud:jira-servicedesk::role/x-customer (used by contractor.io, Any domain)',
    );
    await user.select(select, 'Customer');
    await user.click(button('Save what ari:cloud:jira-servicedesk::role/x-customer means'));
    expect(invoked('saveRoleMeaning').map((i) => i.payload)).toEqual([
      { rawId: 'ari:cloud:jira-servicedesk::role/x-customer', role: 'customer' },
    ]);
    await waitFor(
      () => textOf().includes('Confirmed as Customer: Entered by an admin (Ana)'),
      'kept with who',
    );
  });
});

// Check many: test/frontend/bulk-panel.test.tsx.

describe('Audit', () => {
  test('lists the risky and contradictory settings of the sample site, each with why and the fix', async () => {
    await openAdminPage();
    await user.tab(/^Audit/);
    const titles = byType('SectionMessage').map((m) => String(m.props.title));
    expect(titles).toEqual([
      'Risk: Any domain grants the Customer role',
      'Contradiction: contractor.io is listed as No access, which hides "Any domain" = Customer',
      'Contradiction: partner.com on the portal-only domain list is already covered by Approved domains',
      'Contradiction: supplier.example on the portal-only domain list is already covered by Approved domains',
      'Note: acme-labs.com gives Jira Service Management the role User',
    ]);
    const first = textOf(byType('SectionMessage')[0]);
    expect(first).toContain('Why it matters: ');
    expect(first).toContain('Fix: Set the "Any domain" row to No access');
    expect(first).toContain(
      'Where: admin.atlassian.com > Products > User access settings > Approved domains',
    );
    expect(byType('Tab').map((t) => textOf(t))[3]).toBe('Audit (5)');
  });

  test('a clean site says so', async () => {
    const snapshot = clone(sampleSnapshot);
    snapshot.approvedDomains = { domains: { 'acme.com': 'customer' }, anyDomain: 'none' };
    snapshot.customerAccess = { ...snapshot.customerAccess, externalDomains: ['partner.com'] };
    await openAdminPage(adminState(snapshot));
    await user.tab('Audit');
    expect(textOf()).toContain('No risky or contradictory settings found');
    expect(textOf()).not.toContain('not known yet');
  });

  test('an empty site: nothing found, and it says what it could not look at', async () => {
    await openAdminPage(adminState(EMPTY_SITE));
    await user.tab('Audit');
    expect(textOf()).toContain('No risky or contradictory settings found');
    expect(textOf()).toContain(
      'Customer access is not known yet, so the warnings about it were not checked.',
    );
  });
});
