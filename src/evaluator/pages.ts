/** The settings pages a fix points to: Atlassian's menu path and, where known, a link. */
export interface SettingsPage {
  where: string;
  link?: string;
  /**
   * When the link opens a page from which the menu path still has to be followed (for example the
   * organization's start page on admin.atlassian.com), what it opens; absent when it is the page itself.
   */
  linkOpens?: string;
}

export type SettingsPageId =
  | 'customerAccess'
  | 'approvedDomains'
  | 'userInAdmin'
  | 'projectCustomerPermissions'
  | 'projectCustomers'
  | 'permissionSchemes'
  | 'emailRequests'
  | 'emailAllowlist'
  | 'duplicateAccounts';

/**
 * What the page knows about the organization, for admin.atlassian.com links: its id (only a Jira
 * admin's page knows it; a project page never gets it, contract.md §3) and the sender's account id
 * in its directory, when read.
 */
export interface OrgContext {
  orgId?: string;
  accountId?: string;
}

const ADMIN = 'https://admin.atlassian.com';

export function settingsLinks(
  siteUrl?: string,
  projectKey?: string,
  org: OrgContext = {},
): Record<SettingsPageId, SettingsPage> {
  const site = siteUrl?.replace(/\/+$/, '');
  const project = projectKey ?? 'PROJECT';
  const orgId = org.orgId ? encodeURIComponent(org.orgId) : undefined;
  // admin.atlassian.com addresses an organization's pages as /o/{orgId}/…: Directory > Users is
  // /o/{orgId}/users and a user /o/{orgId}/users/{accountId}. Without the org id, the start page,
  // from which the menu path is followed.
  type Link = Omit<SettingsPage, 'where'>;
  const orgHome: Link = orgId
    ? { link: `${ADMIN}/o/${orgId}/overview`, linkOpens: "your organization's overview" }
    : { link: `${ADMIN}/`, linkOpens: 'admin.atlassian.com' };
  const users: Link = orgId ? { link: `${ADMIN}/o/${orgId}/users` } : orgHome;
  const user: Link =
    orgId && org.accountId
      ? { link: `${ADMIN}/o/${orgId}/users/${encodeURIComponent(org.accountId)}` }
      : orgId
        ? { ...users, linkOpens: 'Directory > Users (search for the address)' }
        : orgHome;
  return {
    customerAccess: {
      where: 'Settings > Products > Jira Service Management > Customer access',
      link: site ? `${site}/jira/settings/products/servicedesk/customer-access` : undefined,
    },
    approvedDomains: {
      where: 'admin.atlassian.com > Products > User access settings > Approved domains',
      ...orgHome,
    },
    userInAdmin: {
      where: 'admin.atlassian.com > Directory > Users > the user',
      ...user,
    },
    projectCustomerPermissions: {
      where: `Project settings (${project}) > Access > Customer permissions`,
      link:
        site && projectKey
          ? `${site}/jira/servicedesk/projects/${projectKey}/settings/customer-permissions`
          : undefined,
    },
    projectCustomers: {
      where: `${project} > Customers > Add customers`,
      link: site && projectKey ? `${site}/jira/servicedesk/projects/${projectKey}/customers` : undefined,
    },
    permissionSchemes: {
      where: `Project settings (${project}) > Permissions: grant "Service Project Customer - Portal Access" Browse Projects and Create Issues`,
      link:
        site && projectKey ? `${site}/plugins/servlet/project-config/${projectKey}/permissions` : undefined,
    },
    emailRequests: {
      where: `Project settings (${project}) > Email requests > Blocklist`,
    },
    emailAllowlist: {
      where: `Project settings (${project}) > Email requests > Allowlist`,
    },
    duplicateAccounts: {
      where:
        "admin.atlassian.com > Directory > Users (the Atlassian account) and the project's Customers page (the portal-only account)",
      ...user,
    },
  };
}

/**
 * A change's page with the organization's links: the change carries the menu path `where` from
 * settingsLinks without the organization (the evaluator does not know it); the page that knows the
 * organization id finds the same page again by its path and takes its link. Unknown paths are kept.
 */
export function pageOf(
  change: { where: string; link?: string },
  siteUrl: string | undefined,
  projectKey: string | undefined,
  org: OrgContext,
): SettingsPage {
  const plain = settingsLinks(siteUrl, projectKey);
  const id = (Object.keys(plain) as SettingsPageId[]).find((k) => plain[k].where === change.where);
  if (!id) return { where: change.where, ...(change.link ? { link: change.link } : {}) };
  return settingsLinks(siteUrl, projectKey, org)[id];
}
