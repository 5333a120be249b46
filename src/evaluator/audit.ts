/**
 * The settings audit: risky or contradictory settings found in a snapshot, each with why it matters,
 * the fix and the page that makes it. Pure: the admin page computes it in the browser from the
 * snapshot it already has, and `access-doctor audit` prints it.
 */
import { normalizeDomain } from './address';
import { settingsLinks } from './pages';
import type { ApprovedDomainRole, Snapshot } from './snapshot';
import { ROLE_LABEL, STALE_AFTER_DAYS, daysSince, sectionLabel } from './vocabulary';

export type AuditWarningId =
  | 'any-domain-customer'
  | 'external-any-domain'
  | 'external-empty-list'
  | 'listed-domain-hides-any-domain'
  | 'user-role'
  | 'external-covered-by-approved-domains'
  | 'unconfirmed';

export interface AuditWarning {
  id: AuditWarningId;
  /** The domain or section the warning is about, when it is about one. */
  subject?: string;
  title: string;
  /** Why it matters. */
  why: string;
  /** What to do. */
  fix: string;
  /** Atlassian's menu path to the page where it is fixed. */
  where: string;
  link?: string;
  /** risk: broad exposure (anyone can get in); contradiction: settings that undo each other;
   * note: worth knowing, not wrong; stale: an entered fact not confirmed for a long time. */
  severity: 'risk' | 'contradiction' | 'note' | 'stale';
}

export interface AuditOptions {
  /** Current time (ms); defaults to Date.now(). */
  now?: number;
  /** Sections the server reports as unconfirmed for 90 days. */
  stale?: string[];
  /** Days after which an entered fact counts as unconfirmed (default 90). */
  staleAfterDays?: number;
}

/**
 * The JSM role approved domains give a domain, and which row gives it: the domain's own row if it is
 * listed, else the Any domain row. Undefined when that is not known.
 */
export function effectiveRole(
  snapshot: Snapshot,
  domain: string,
): { role: ApprovedDomainRole; row: 'listed' | 'any-domain' } | undefined {
  const approved = snapshot.approvedDomains;
  if (!approved) return undefined;
  const wanted = normalizeDomain(domain);
  for (const [listed, role] of Object.entries(approved.domains ?? {})) {
    if (normalizeDomain(listed) === wanted) return { role, row: 'listed' };
  }
  // Without the list we cannot tell whether the domain is listed.
  if (approved.domains === undefined || approved.anyDomain === undefined) return undefined;
  return { role: approved.anyDomain, row: 'any-domain' };
}

export function anyDomainGrantsCustomer(snapshot: Snapshot): AuditWarning[] {
  if (snapshot.approvedDomains?.anyDomain !== 'customer') return [];
  const links = settingsLinks(snapshot.site?.url);
  const internalOff = snapshot.customerAccess?.internal === false;
  return [
    {
      id: 'any-domain-customer',
      title: 'Any domain grants the Customer role',
      why:
        'Every email domain that is not listed in Approved domains gets the Jira Service Management Customer role, ' +
        'so anyone with an email address who writes to an open service project gets an Atlassian account and ' +
        'can raise requests, strangers and spammers included.' +
        (internalOff
          ? ' "Use approved domains to grant internal customers access to the help center with Atlassian accounts" is off today, so this has no effect yet; turning it on would let everyone in.'
          : ''),
      fix:
        'Set the "Any domain" row to No access for Jira Service Management, and list the domains that should get ' +
        'the Customer role one by one.',
      where: links.approvedDomains.where,
      link: links.approvedDomains.link,
      severity: 'risk',
    },
  ];
}

export function externalWithoutDomainList(snapshot: Snapshot): AuditWarning[] {
  const ca = snapshot.customerAccess;
  if (ca?.external !== true) return [];
  const links = settingsLinks(snapshot.site?.url);
  if (ca.externalDomains === 'any') {
    return [
      {
        id: 'external-any-domain',
        title: 'Portal-only accounts are created for any email domain',
        why:
          '"Allow portal-only accounts to be created for new customers" is on and "Only allow account creation for ' +
          'customers with specific email domains" is not checked, so anyone who emails an open service project ' +
          'gets a portal-only account and a request, spam included.',
        fix:
          'Check "Only allow account creation for customers with specific email domains" and list your customers\' ' +
          'domains, or make the projects that should stay private Restricted.',
        where: links.customerAccess.where,
        link: links.customerAccess.link,
        severity: 'risk',
      },
    ];
  }
  if (Array.isArray(ca.externalDomains) && ca.externalDomains.length === 0) {
    return [
      {
        id: 'external-empty-list',
        title: 'The portal-only domain list is checked but empty',
        why:
          '"Only allow account creation for customers with specific email domains" is checked with no domain in ' +
          "its list. Atlassian's documentation does not say what that does: portal-only accounts may be created " +
          'for nobody, or for everybody.',
        fix: 'Type the domains that should get portal-only accounts, or uncheck the option if any domain may.',
        where: links.customerAccess.where,
        link: links.customerAccess.link,
        severity: 'contradiction',
      },
    ];
  }
  return [];
}

export function listedDomainsHidingAnyDomain(snapshot: Snapshot): AuditWarning[] {
  const approved = snapshot.approvedDomains;
  if (approved?.anyDomain !== 'customer') return [];
  const links = settingsLinks(snapshot.site?.url);
  return Object.entries(approved.domains ?? {})
    .filter(([, role]) => role === 'none')
    .map(([domain, role]) => ({
      id: 'listed-domain-hides-any-domain' as const,
      subject: domain,
      title: `${domain} is listed as ${ROLE_LABEL[role]}, which hides "Any domain" = Customer`,
      why:
        `A listed domain's own row wins even when it grants less: people at ${domain} get no Customer role, ` +
        'while every domain that is not listed does. Their email is refused while strangers are let in. ' +
        'If keeping them out is deliberate, nothing else stops them from using another address.',
      fix: `Remove ${domain} from Approved domains (it then follows "Any domain"), or set its Jira Service Management role to Customer.`,
      where: links.approvedDomains.where,
      link: links.approvedDomains.link,
      severity: 'contradiction' as const,
    }));
}

/** A row with the role User: not wrong, but not the Customer role either. */
export function userRoleRows(snapshot: Snapshot): AuditWarning[] {
  const approved = snapshot.approvedDomains;
  const links = settingsLinks(snapshot.site?.url);
  const rows = Object.entries(approved?.domains ?? {}).filter(([, role]) => role === 'user');
  if (approved?.anyDomain === 'user') rows.push(['Any domain', 'user']);
  return rows.map(([domain]) => {
    const people =
      domain === 'Any domain' ? 'people at every domain that is not listed' : `people at ${domain}`;
    return {
      id: 'user-role' as const,
      subject: domain,
      title: `${domain} gives Jira Service Management the role User`,
      why:
        `${people.charAt(0).toUpperCase() + people.slice(1)} get User access to Jira Service Management ` +
        'when they sign up, not the Customer role. Atlassian does not document what User means for ' +
        'customers, so the app treats it as not Customer: their email creates no Atlassian account ' +
        '(External may still create a portal-only one).',
      fix:
        `If ${people} should raise requests as customers, set the row's Jira Service Management role to ` +
        'Customer; if they are agents, nothing to change.',
      where: links.approvedDomains.where,
      link: links.approvedDomains.link,
      severity: 'note' as const,
    };
  });
}

export function externalEntriesCoveredByApprovedDomains(snapshot: Snapshot): AuditWarning[] {
  const ca = snapshot.customerAccess;
  if (ca?.internal !== true || !Array.isArray(ca.externalDomains)) return [];
  const links = settingsLinks(snapshot.site?.url);
  return ca.externalDomains.flatMap((domain) => {
    const effective = effectiveRole(snapshot, domain);
    if (effective?.role !== 'customer') return [];
    const listed = effective.row === 'listed';
    return [
      {
        id: 'external-covered-by-approved-domains' as const,
        subject: domain,
        title: `${domain} on the portal-only domain list is already covered by Approved domains`,
        why:
          (listed
            ? `Approved domains list ${domain} with the Customer role`
            : `${domain} is not listed in Approved domains and the "Any domain" row grants the Customer role`) +
          '; "Use approved domains to grant internal customers access to the help center with Atlassian ' +
          'accounts" is on, so new people there get an Atlassian account: the portal-only entry never ' +
          'applies and misleads whoever reads the list.',
        fix:
          `Decide which account people at ${domain} should get. For portal-only accounts: ` +
          (listed
            ? `set ${domain}'s Jira Service Management role to ${ROLE_LABEL.none} in Approved domains (or remove its row, if "Any domain" does not grant Customer).`
            : `add ${domain} to Approved domains with the Jira Service Management role ${ROLE_LABEL.none}, or change the "Any domain" row.`) +
          ` For Atlassian accounts: remove ${domain} from the list under "Only allow account creation for ` +
          'customers with specific email domains".',
        where: links.approvedDomains.where,
        link: links.approvedDomains.link,
        severity: 'contradiction' as const,
      },
    ];
  });
}

/** Sections whose entered facts were not confirmed for `staleAfterDays` (default 90). */
export function unconfirmedEntries(snapshot: Snapshot, options: AuditOptions = {}): AuditWarning[] {
  const now = options.now ?? Date.now();
  const limit = options.staleAfterDays ?? STALE_AFTER_DAYS;
  const sections = new Map<string, number | null>();
  // Sources may be per fact ("customerAccess.internal", "projects.HELP.access"); an entry is confirmed
  // as a whole (its section, or the project), as recently as its latest fact.
  const entry = (key: string) => {
    const parts = key.split('.');
    return parts[0] === 'projects' ? parts.slice(0, 2).join('.') : parts[0];
  };
  const latest = new Map<string, number | null>();
  for (const [key, source] of Object.entries(snapshot.sources ?? {})) {
    if (source.kind !== 'entered') continue;
    const days = daysSince(source.at, now);
    const section = entry(key);
    const before = latest.get(section);
    latest.set(
      section,
      before === undefined || before === null || (days !== null && days < before) ? days : before,
    );
  }
  for (const [section, days] of latest) if (days !== null && days >= limit) sections.set(section, days);
  for (const section of options.stale ?? []) {
    if (!sections.has(section)) sections.set(section, latest.get(section) ?? null);
  }
  return [...sections.entries()].map(([section, days]) => {
    const label = sectionLabel(section, snapshot);
    return {
      id: 'unconfirmed' as const,
      subject: section,
      title: `${label} was entered ${days === null ? `more than ${limit} days ago` : `${days} days ago`} and not confirmed since`,
      why:
        'The app cannot read this from Atlassian, so it relies on what an admin entered. Settings change; ' +
        'answers built on an old entry may be wrong.',
      fix: `Compare it with Atlassian's page, then correct it or press "Confirm" for ${label} on the Site settings tab.`,
      where: whereToConfirm(section, snapshot),
      severity: 'stale' as const,
    };
  });
}

function whereToConfirm(section: string, snapshot: Snapshot): string {
  const links = settingsLinks(
    snapshot.site?.url,
    section.startsWith('projects.') ? section.slice(9) : undefined,
  );
  if (section === 'customerAccess') return links.customerAccess.where;
  if (section === 'approvedDomains') return links.approvedDomains.where;
  if (section === 'emailChannel') return links.emailRequests.where;
  if (section.startsWith('projects')) return links.projectCustomerPermissions.where;
  return 'Customer Access Doctor > Site settings';
}

/** Every warning, risks first. */
export function auditSnapshot(snapshot: Snapshot, options: AuditOptions = {}): AuditWarning[] {
  return [
    ...anyDomainGrantsCustomer(snapshot),
    ...externalWithoutDomainList(snapshot),
    ...listedDomainsHidingAnyDomain(snapshot),
    ...externalEntriesCoveredByApprovedDomains(snapshot),
    ...userRoleRows(snapshot),
    ...unconfirmedEntries(snapshot, options),
  ];
}

/** What the audit could not look at, because nobody has entered it (or it could not be read). */
export function notAudited(snapshot: Snapshot): string[] {
  const notes: string[] = [];
  const ca = snapshot.customerAccess;
  if (ca?.internal === undefined && ca?.external === undefined) {
    notes.push('Customer access is not known yet, so the warnings about it were not checked.');
  }
  if (snapshot.approvedDomains?.anyDomain === undefined && snapshot.approvedDomains?.domains === undefined) {
    notes.push(
      'Approved domains are not known yet (enter them, or set an organization API key), so the warnings about them were not checked.',
    );
  }
  return notes;
}
