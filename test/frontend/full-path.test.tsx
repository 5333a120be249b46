/**
 * The whole way down: the real pages in the real @forge/react reconciler, the fake host's invoke
 * calling the real resolver handler (src/index.ts) with the real @forge/api, and the backend's fake
 * Atlassian REST API underneath (dev/fake-atlassian). Only @forge/kvs is replaced (in memory).
 */
import {
  byType,
  button,
  sectionOf,
  field,
  host,
  invoked,
  render,
  table,
  textOf,
  user,
  waitFor,
} from './harness';
import {
  FAKE_API_KEY,
  FAKE_JIRA_ADMIN,
  FAKE_ORG_ID,
  FAKE_PROJECT_ADMIN,
  installForgeFetch,
  invokeHandler,
  startFakeAtlassian,
  type FakeAtlassian,
} from '../../dev/fake-atlassian';
import { JSM_ROLE_ID } from '../../dev/fake-atlassian/seed';
import { handler } from '../../src/index';
import { checkSender, fillCustomerAccess, radios } from './steps';
import React from 'react';
import { App } from '../../src/frontend/app';
import { LOG_NOT_ALLOWED_DOMAIN, LOG_NO_PERMISSION, diagnose, sampleSnapshot } from '../../src/evaluator';
import { ADMIN_CONTEXT, PROJECT_CONTEXT } from './fixtures';

jest.mock('@forge/kvs', () => jest.requireActual('../backend/kvs-memory').kvsModule);
const { memory } = jest.requireActual('../backend/kvs-memory') as typeof import('../backend/kvs-memory');

// Real HTTP to the fake API: give each test room on a slow machine.
jest.setTimeout(30_000);

let fake: FakeAtlassian;
let uninstall: () => void;

/** Every invoke of the page goes to the real handler, as `accountId`, with the page's context. */
function pagesCallTheRealResolver(accountId: string) {
  host.invoke = (functionKey, payload) =>
    invokeHandler(handler as never, {
      functionKey,
      payload,
      context: { cloudId: 'fake-cloud', ...host.context },
      accountId,
    });
}

beforeAll(async () => {
  fake = await startFakeAtlassian({ snapshot: sampleSnapshot });
  uninstall = installForgeFetch(fake.url);
  memory.reset();
});

afterAll(async () => {
  uninstall();
  await fake.close();
});

test('a Jira admin sets up the app from the first-run guide, then finds why dan@contractor.io is refused and how to fix it', async () => {
  host.context = ADMIN_CONTEXT;
  pagesCallTheRealResolver(FAKE_JIRA_ADMIN);
  await render(<App />);
  await waitFor(() => byType('Tabs').length === 1, 'the admin page');

  // First run: nothing entered yet.
  expect(textOf()).toContain("Welcome: tell the app what Atlassian won't let it read");
  await user.click(button('Enter site settings'));

  // Customer access, as on Atlassian's page.
  await fillCustomerAccess('partner.com supplier.example', 'allowed');
  await user.submit(button('Save Customer access'));
  await waitFor(() => textOf().includes('Customer access saved.'), 'Customer access saved');

  // The organization API key: Approved domains and suspensions are then read live.
  await user.type(field('Organization ID'), FAKE_ORG_ID);
  await user.type(field('API key'), FAKE_API_KEY);
  await user.submit(button('Save API key'));
  await waitFor(() => textOf().includes('An organization API key is set'), 'the key saved');
  expect(JSON.stringify(host.doc)).not.toContain(FAKE_API_KEY);
  // Atlassian publishes no Jira Service Management role id: until an admin says what the Any domain
  // row's id means, its role is unknown, never None.
  expect(table('Site facts').rows.find((r) => r[0] === 'Any domain')?.[1]).toMatch(/^Unknown/);
  await user.select(field(`Role id ${JSM_ROLE_ID.customer} (used by Any domain)`), 'Customer');
  await user.click(button(`Save what ${JSM_ROLE_ID.customer} means`));
  await waitFor(
    () => table('Site facts').rows.find((r) => r[0] === 'Any domain')?.[1] === 'Customer',
    'the role id confirmed',
  );
  const facts = table('Site facts').rows;
  expect(facts.find((r) => r[0] === 'Any domain')?.slice(1, 2)).toEqual(['Customer']);
  expect(facts.find((r) => r[0] === 'Any domain')?.[2]).toMatch(/^Read live from Atlassian/);
  expect(
    facts.find((r) => r[0] === 'Allow portal-only accounts to be created for new customers')?.[2],
  ).toMatch(/^Entered by an admin/);

  // HELP is Open.
  const help = byType('RadioGroup').find((r) => r.props.name === 'access-HELP')!;
  await user.choose(help, 'open');
  await user.submit(button('Save HELP settings'));
  await waitFor(() => textOf().includes('Settings of IT Help desk (HELP) saved.'), 'HELP saved');
  // The guide stays while a fact the verdicts need is missing, and says which.
  expect(textOf()).toContain("Welcome: tell the app what Atlassian won't let it read");
  expect(textOf()).toContain(
    'Still to enter (3):\nEmail requests: the blocklist\nEmail requests: the allowlist\nCustomer permissions of Executive support (VIP)',
  );
  await user.choose(
    byType('RadioGroup').find((r) => r.props.name === 'access-VIP')!,
    'restricted',
  );
  await user.submit(button('Save VIP settings'));
  await waitFor(() => textOf().includes('Settings of Executive support (VIP) saved.'), 'VIP saved');
  // The email channel: until the blocklist is known, no sender can be answered Accepted.
  expect(textOf()).toContain("Welcome: tell the app what Atlassian won't let it read");
  await user.choose(radios('allowlistEntered'), 'entered');
  await user.choose(radios('blocklistEntered'), 'entered');
  await user.type(field('Allowlist: domains, one per line'), 'partner.com');
  await user.type(field('Blocklist: domains or addresses, one per line'), 'spam.example');
  await user.submit(button('Save allowlist and blocklist'));
  await waitFor(() => !textOf().includes('Email requests: the blocklist'), 'email channel saved');
  expect(textOf()).not.toContain("Welcome: tell the app what Atlassian won't let it read");

  // The sender.
  await user.tab('Check a sender');
  await checkSender('dan@contractor.io', 'IT Help desk (HELP)');
  let page = textOf();
  expect(page).toContain('dan@contractor.io writing to IT Help desk (HELP)\nRejected');
  expect(page).toContain(`The email log shows:\n"${LOG_NOT_ALLOWED_DOMAIN}"\n`);
  // The invite, and the checks that decide it (collapsed until asked for).
  await user.click(button(/^Show the invite's \d+ checks$/));
  const invite = textOf(sectionOf('If an agent invites this address instead'));
  expect(invite).toMatch(
    /Fails\nInternal customers \(approved domains\)\n: Internal is on; contractor\.io is listed with the role No access/,
  );
  expect(invite).not.toContain('(OPEN)');
  await user.click(button(/^Show \d+ other fix/));
  const fixes = [
    textOf(sectionOf('The fix you can make')).replace(/^The fix you can make\n/, ''),
    ...byType('ListItem', sectionOf('Other fixes')).map((item) => textOf(item)),
  ];
  expect(fixes[0]).toMatch(/^Add contractor\.io to External's list/);
  expect(fixes[0]).toContain('Where: Settings > Products > Jira Service Management > Customer access');
  expect(fixes[0]).not.toContain('Risky');
  // Each fix replayed in the browser: which account the sender would then get.
  expect(fixes[0]).toContain('Then: Accepted, with a new portal-only account.');
  expect(fixes.find((f) => f.startsWith("Change contractor.io's Jira Service Management role"))).toContain(
    'Then: Accepted, with a new Atlassian account.',
  );
  expect(
    fixes.some((f) => f.includes('admin.atlassian.com > Products > User access settings > Approved domains')),
  ).toBe(true);
  const risky = fixes.filter((f) => f.includes('Risky'));
  expect(risky.length).toBeGreaterThan(0);
  // Every fix says who makes it and whom it lets in.
  expect(fixes.every((f) => /Who can make it: (a|an) [a-zA-Z ]+\. Lets in: \S/.test(f))).toBe(true);
  expect(byType('Link', sectionOf('The fix you can make'))[0].props.href).toMatch(
    /\/jira\/settings\/products\/servicedesk\/customer-access$/,
  );
  const matrix = table('What if the settings were different, for dan@contractor.io');
  expect(matrix.rows.filter((r) => r[0] === 'Current settings')).toHaveLength(1);

  // Another sender: no second read of the site.
  await checkSender('alex@acme-labs.com', 'Executive support (VIP)');
  page = textOf();
  expect(page).toContain('alex@acme-labs.com writing to Executive support (VIP)\nRejected');
  expect(page).toContain(LOG_NO_PERMISSION);
  await checkSender('jane@acme.com', 'IT Help desk (HELP)');
  expect(textOf()).toContain('jane@acme.com writing to IT Help desk (HELP)\nAccepted');

  // The same sender's auto-reply is filtered before any account logic (acme.com is not on the
  // allowlist entered above).
  await user.type(field('The email or its headers (optional)'), 'Auto-Submitted: auto-replied');
  await checkSender('jane@acme.com', 'IT Help desk (HELP)');
  expect(textOf()).toContain('jane@acme.com writing to IT Help desk (HELP)\nRejected');
  expect(textOf()).toContain(
    'The email log shows it with the status "Rejected", as "Auto-reply mail": filtered before Jira looks at the sender',
  );
  expect(textOf(sectionOf('The fix you can make'))).toContain('Add acme.com to the allowlist');
  await user.click(button(/^Show the \d+ checks Jira makes$/));
  expect(textOf(sectionOf('Why'))).toMatch(/Fails\nAuto-reply mail\n: Auto-Submitted: auto-replied/);

  // Check many: an email log export.
  await user.tab('Check many');
  await user.type(
    field('Addresses or an email log export'),
    'email,status\njane@acme.com,Accepted\ndan@contractor.io,Rejected\nlee@contractor.io,Rejected\nnot an address,x',
  );
  await user.select(field('Service project the emails were sent to'), 'IT Help desk (HELP)');
  await user.submit(button('Check all'));
  await waitFor(() => textOf().includes('4 lines checked'), 'the bulk report');
  expect(textOf()).toContain('Rejected: 2\nUnknown: 0\nAccepted: 1\nNot an address: 1');
  const groups = table('Senders by verdict and cause').rows;
  expect(groups).toContainEqual([
    'Rejected',
    "The sender's domain is not on the portal-only (External) domain list",
    LOG_NOT_ALLOWED_DOMAIN,
    '2 addresses: dan@contractor.io, lee@contractor.io',
    expect.stringMatching(/^Add contractor\.io to External's list/),
    'A Jira admin',
  ]);
  expect(invoked('getAppState')).toHaveLength(1);
});

/** What the first test enters through the page, entered directly (so each test stands alone). */
async function enterSiteSettings() {
  const asAdmin = (functionKey: string, payload: unknown) =>
    invokeHandler(handler as never, {
      functionKey,
      payload,
      context: { cloudId: 'fake-cloud', ...ADMIN_CONTEXT },
      accountId: FAKE_JIRA_ADMIN,
    });
  const customerAccess = {
    internal: true,
    external: true,
    externalDomains: ['partner.com', 'supplier.example'],
    accountCreation: 'allowed',
  };
  for (const answer of [
    await asAdmin('saveSettings', { section: 'customerAccess', value: customerAccess }),
    await asAdmin('setApiKey', { orgId: FAKE_ORG_ID, apiKey: FAKE_API_KEY }),
    await asAdmin('saveRoleMeaning', { rawId: JSM_ROLE_ID.customer, role: 'customer' }),
    await asAdmin('saveRoleMeaning', { rawId: JSM_ROLE_ID.user, role: 'user' }),
    await asAdmin('saveSettings', { section: 'project', projectKey: 'HELP', value: { access: 'open' } }),
    await asAdmin('saveSettings', { section: 'project', projectKey: 'VIP', value: { access: 'restricted' } }),
    await asAdmin('saveSettings', { section: 'emailChannel', value: sampleSnapshot.emailChannel }),
  ]) {
    expect(answer).toMatchObject({ ok: true });
  }
}

test('a project admin checks senders for their project only and sees nothing of another project', async () => {
  await enterSiteSettings();
  host.context = PROJECT_CONTEXT;
  pagesCallTheRealResolver(FAKE_PROJECT_ADMIN);
  await render(<App />);
  await waitFor(() => textOf().includes("This project's settings"), 'the project page');
  expect(byType('Select')).toHaveLength(0);
  expect(table('Settings of IT Help desk (HELP)').rows[0].slice(0, 2)).toEqual([
    'IT Help desk (HELP): Customer permissions',
    'Open',
  ]);
  await checkSender('sam@acme.com');
  expect(textOf()).toContain('sam@acme.com writing to IT Help desk (HELP)\nRejected');
  expect(textOf()).toContain(`The email log shows:\n"${LOG_NOT_ALLOWED_DOMAIN}"\n`);
  // A suspended sender: only an organization admin can restore access, so a note to copy.
  expect(byType('CodeBlock')[0].props.text).toContain('admin.atlassian.com > Directory > Users');
  expect(byType('CodeBlock')[0].props.text).toMatch(
    /^To an organization admin:\n\nsam@acme\.com cannot raise/,
  );
  await checkSender('pat@partner.com');
  expect(textOf()).toContain('pat@partner.com writing to IT Help desk (HELP)\nAccepted');
  expect(invoked('diagnose').map((i) => i.payload)).toEqual([
    { email: 'sam@acme.com', projectKey: 'HELP' },
    { email: 'pat@partner.com', projectKey: 'HELP' },
  ]);
  // The project admin makes HELP Restricted: a new partner.com sender is now refused.
  await user.choose(
    byType('RadioGroup').find((r) => r.props.name === 'access-HELP')!,
    'restricted',
  );
  await user.submit(button('Save HELP settings'));
  await waitFor(() => textOf().includes('Settings of IT Help desk (HELP) saved.'), 'saved');
  await checkSender('new@partner.com');
  expect(textOf()).toContain('new@partner.com writing to IT Help desk (HELP)\nRejected');
  expect(textOf()).toContain(`The email log shows:\n"${LOG_NO_PERMISSION}"\n`);
  expect(invoked('diagnose').at(-1)?.payload).toEqual({ email: 'new@partner.com', projectKey: 'HELP' });
  expect(invoked('getAppState')).toHaveLength(1);
  const everything = JSON.stringify(host.doc);
  expect(everything).not.toContain('VIP');
  expect(everything).not.toContain('Executive support');
});

test('an agent (no admin rights) is refused on the admin page', async () => {
  host.context = ADMIN_CONTEXT;
  pagesCallTheRealResolver('557058:fake-agent');
  await render(<App />);
  await waitFor(() => textOf().includes("You don't have permission to use this page"), 'the refusal');
  expect(byType('Tabs')).toHaveLength(0);
});

/** Every kind of sender in the sample site: new and existing, suspended, duplicate, blocked… */
const SENDERS = [
  'jane@acme.com', // Atlassian account with the Customer role; a customer of both projects
  'sam@acme.com', // suspended
  'alex@acme-labs.com', // Atlassian account without the Customer role (acme-labs.com is User)
  'pat@partner.com', // portal-only account, customer of HELP
  'lee@partner.com', // duplicate accounts
  'new@partner.com', // new, on External's list
  'dan@contractor.io', // new, contractor.io listed as None hides Any domain = Customer
  'someone@gmail.com', // new, Any domain = Customer
  'x@spam.example', // blocklisted domain
  'noreply@vendor.example', // blocklisted address
];

function answerOnPage(): { verdict: string; log: string } {
  const page = textOf();
  const verdict = /writing to [^\n]*\n(Accepted|Rejected|Unknown)/.exec(page)?.[1] ?? '(none)';
  const log = /\nThe email log shows:\n"([^\n]*)"\n/.exec(page)?.[1] ?? '';
  return { verdict, log };
}

function expected(email: string, project: string): { verdict: string; log: string } {
  const d = diagnose(sampleSnapshot, email, { project });
  const verdict = d.inbound.verdict.charAt(0).toUpperCase() + d.inbound.verdict.slice(1);
  return { verdict, log: d.inbound.log ?? '' };
}

test('both pages answer every kind of sender in the sample site as the evaluator does on the sample snapshot', async () => {
  await enterSiteSettings();
  const asAdmin = (functionKey: string, payload: unknown) =>
    invokeHandler(handler as never, {
      functionKey,
      payload,
      context: { cloudId: 'fake-cloud', ...ADMIN_CONTEXT },
      accountId: FAKE_JIRA_ADMIN,
    });
  expect(
    await asAdmin('saveSettings', { section: 'emailChannel', value: sampleSnapshot.emailChannel }),
  ).toMatchObject({ ok: true });

  const seen: string[] = [];
  const compare = (email: string, project: string) => {
    const got = answerOnPage();
    const want = expected(email, project);
    if (want.verdict === 'Accepted')
      expect(`${email} ${project} ${got.verdict}`).toBe(`${email} ${project} Accepted`);
    else {
      expect(`${email} ${project} ${got.verdict}`).toBe(`${email} ${project} ${want.verdict}`);
      if (want.log) expect(got.log).toBe(want.log);
    }
    seen.push(`${project} ${email}: ${got.verdict}`);
  };

  host.context = ADMIN_CONTEXT;
  pagesCallTheRealResolver(FAKE_JIRA_ADMIN);
  await render(<App />);
  await waitFor(() => byType('Tabs').length === 1, 'the admin page');
  for (const [key, name] of [
    ['HELP', 'IT Help desk (HELP)'],
    ['VIP', 'Executive support (VIP)'],
  ]) {
    for (const email of SENDERS) {
      await checkSender(email, name);
      compare(email, key);
    }
  }

  host.context = PROJECT_CONTEXT;
  pagesCallTheRealResolver(FAKE_PROJECT_ADMIN);
  await render(<App />);
  await waitFor(() => textOf().includes("This project's settings"), 'the project page');
  for (const email of SENDERS) {
    await checkSender(email);
    compare(email, 'HELP');
  }
  // Accepted, refused for each reason, on both projects.
  expect(new Set(seen.map((s) => s.split(': ')[1]))).toEqual(new Set(['Accepted', 'Rejected']));
});
