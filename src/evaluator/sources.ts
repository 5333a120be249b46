/**
 * The Atlassian pages the rules rest on, by the tag docs/rules.md cites them with (its "Sources"
 * table lists each tag with this address; test/evaluator/rules-doc.test.ts checks that it does).
 * Each step of the step table (rules.ts) and each cause (causes.ts) names the pages it follows.
 */
export const SOURCE = {
  'KB-DOM':
    'https://support.atlassian.com/jira/kb/fixing-email-doesnt-belong-to-domains-allowed-in-customer-access-settings-error-for-jsm-cloud-incoming-email',
  'KB-INV':
    'https://support.atlassian.com/jira/kb/invite-notification-types-in-jira-service-management-cloud',
  'KB-PERM':
    'https://confluence.atlassian.com/display/JIRAKB/Resolve+Incoming+Email+Permissions+in+Jira+Service+Management+Cloud',
  'KB-ADD':
    'https://support.atlassian.com/jira/kb/unable-to-add-invite-a-customer-in-jira-service-management-jsm/',
  'KB-ADD2':
    'https://confluence.atlassian.com/jirakb/unable-to-add-or-invite-a-jira-service-management-customer-1103077626.html',
  'KB-INVPERM':
    'https://confluence.atlassian.com/jirakb/agents-can-t-add-customers-to-service-projects-1295815386.html',
  INACT: 'https://confluence.atlassian.com/jirakb/unable-to-add-service-management-customer-1178863388.html',
  INVMAIL:
    'https://support.atlassian.com/jira/kb/resolve-invitation-email-issues-in-jira-service-management-cloud/',
  NOTIFLOG:
    'https://support.atlassian.com/jira-service-management-cloud/docs/view-customer-notification-logs-for-your-service-project/',
  REJ: 'https://confluence.atlassian.com/jirakb/emails-sent-by-customers-are-rejected-by-jira-service-management-mail-handler-1085191121.html',
  PROC: 'https://support.atlassian.com/jira-service-management-cloud/docs/how-does-jira-service-management-process-email-requests/',
  BLOCK: 'https://support.atlassian.com/jira-service-management-cloud/docs/manage-your-blocklist/',
  ALLOW:
    'https://support.atlassian.com/jira-service-desk-cloud/docs/how-are-domains-added-to-the-permitted-list/',
  DMARC:
    'https://support.atlassian.com/jira-cloud-administration/docs/manage-dmarc-authentication-for-incoming-emails/',
  'DMARC-KB': 'https://support.atlassian.com/jira/kb/jira-and-jira-service-management-dmarc-settings',
  CA: 'https://support.atlassian.com/jira-service-management-cloud/docs/change-global-customer-permissions/',
  IMPACT:
    'https://support.atlassian.com/jira-service-management-cloud/docs/how-global-permissions-affect-project-permissions/',
  EMPERM:
    'https://support.atlassian.com/jira-service-management-cloud/docs/what-are-the-customer-permission-settings-for-email-requests',
  AD: 'https://support.atlassian.com/user-management/docs/control-how-users-get-access-to-products/',
  SUSP: 'https://support.atlassian.com/user-management/docs/remove-or-suspend-a-user',
  SIGNUP:
    'https://support.atlassian.com/jira/kb/signup-is-not-currently-available-when-inviting-customers-or-raising-requests-via-email/',
  DUP: 'https://support.atlassian.com/jira/kb/duplicate-account-issues-in-jira-service-management-cloud',
  'COMM-BOB':
    'https://community.atlassian.com/forums/Jira-Service-Management/Create-portal-only-customer/qaq-p/2568851',
  MIGR: 'https://confluence.atlassian.com/jirakb/bulk-assign-the-customer-role-in-jira-service-management-1271693459.html',
} as const;

/** A source's tag, as docs/rules.md cites it ("[KB-DOM]"). */
export type SourceTag = keyof typeof SOURCE;
