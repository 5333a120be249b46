/** Where a fix's "Open the settings page" goes: the exact page, the organization's when its id is known. */
import { pageOf, settingsLinks } from '../../src/evaluator/pages';

const SITE = 'https://acme-support.atlassian.net';

test('without the organization id, admin.atlassian.com links open its start page and say so', () => {
  const pages = settingsLinks(SITE, 'HELP');
  expect(pages.approvedDomains).toMatchObject({
    link: 'https://admin.atlassian.com/',
    linkOpens: 'admin.atlassian.com',
  });
  expect(pages.userInAdmin.link).toBe('https://admin.atlassian.com/');
  // The duplicate account is fixed in Directory > Users, not in a support article.
  expect(pages.duplicateAccounts.link).toBe('https://admin.atlassian.com/');
  expect(pages.customerAccess.link).toBe(`${SITE}/jira/settings/products/servicedesk/customer-access`);
  expect(pages.customerAccess.linkOpens).toBeUndefined();
});

test("with the organization id: Directory > Users, and the user's own page when the account id is known", () => {
  const pages = settingsLinks(SITE, 'HELP', { orgId: 'org-1', accountId: '5b10a2844c20165700ede21g' });
  expect(pages.userInAdmin.link).toBe('https://admin.atlassian.com/o/org-1/users/5b10a2844c20165700ede21g');
  expect(pages.userInAdmin.linkOpens).toBeUndefined();
  expect(pages.duplicateAccounts.link).toBe(
    'https://admin.atlassian.com/o/org-1/users/5b10a2844c20165700ede21g',
  );
  expect(settingsLinks(SITE, 'HELP', { orgId: 'org-1' }).userInAdmin).toMatchObject({
    link: 'https://admin.atlassian.com/o/org-1/users',
    linkOpens: 'Directory > Users (search for the address)',
  });
  expect(pages.approvedDomains.link).toBe('https://admin.atlassian.com/o/org-1/overview');
  // The site's own pages do not change.
  expect(pages.projectCustomers.link).toBe(`${SITE}/jira/servicedesk/projects/HELP/customers`);
});

test("a change's page is found again by its menu path; an unknown path keeps its own link", () => {
  const plain = settingsLinks(SITE, 'HELP');
  expect(pageOf(plain.userInAdmin, SITE, 'HELP', { orgId: 'org-1' }).link).toBe(
    'https://admin.atlassian.com/o/org-1/users',
  );
  expect(pageOf(plain.userInAdmin, SITE, 'HELP', {}).link).toBe('https://admin.atlassian.com/');
  expect(
    pageOf({ where: 'Somewhere else', link: 'https://example.com/x' }, SITE, 'HELP', { orgId: 'o' }),
  ).toEqual({
    where: 'Somewhere else',
    link: 'https://example.com/x',
  });
});
