/** The settings pages a fix points to: Atlassian's menu path and, where known, a link. */
export interface SettingsPage {
  where: string;
  link?: string;
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

export function settingsLinks(siteUrl?: string, projectKey?: string): Record<SettingsPageId, SettingsPage> {
  const site = siteUrl?.replace(/\/+$/, '');
  const project = projectKey ?? 'PROJECT';
  return {
    customerAccess: {
      where: 'Settings > Products > Jira Service Management > Customer access',
      link: site ? `${site}/jira/settings/products/servicedesk/customer-access` : undefined,
    },
    approvedDomains: {
      where: 'admin.atlassian.com > Products > User access settings > Approved domains',
      link: 'https://admin.atlassian.com/',
    },
    userInAdmin: {
      where: 'admin.atlassian.com > Directory > Users > the user',
      link: 'https://admin.atlassian.com/',
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
      link: 'https://support.atlassian.com/jira/kb/duplicate-account-issues-in-jira-service-management-cloud',
    },
  };
}
