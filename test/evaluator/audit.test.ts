import {
  auditSnapshot,
  effectiveRole,
  externalEntriesCoveredByApprovedDomains,
  externalWithoutDomainList,
  listedDomainsHidingAnyDomain,
  unconfirmedEntries,
  anyDomainGrantsCustomer,
  notAudited,
  userRoleRows,
} from '../../src/evaluator/audit';
import { sampleSnapshot, type Snapshot } from '../../src/evaluator';

const NOW = Date.parse('2026-11-21T12:00:00Z');

function site(parts: Partial<Snapshot>): Snapshot {
  return { format: 'customer-access-doctor/snapshot', version: 1, ...parts };
}

describe('Any domain grants Customer', () => {
  test('warns, and says when Internal is off that it has no effect yet', () => {
    const on = anyDomainGrantsCustomer(site({ approvedDomains: { anyDomain: 'customer' } }));
    expect(on).toHaveLength(1);
    expect(on[0].why).toContain('anyone with an email address');
    expect(on[0].where).toBe('admin.atlassian.com > Products > User access settings > Approved domains');
    const off = anyDomainGrantsCustomer(
      site({ approvedDomains: { anyDomain: 'customer' }, customerAccess: { internal: false } }),
    );
    expect(off[0].why).toContain('has no effect yet');
  });
  test('is quiet for None or unknown', () => {
    expect(anyDomainGrantsCustomer(site({ approvedDomains: { anyDomain: 'none' } }))).toEqual([]);
    expect(anyDomainGrantsCustomer(site({}))).toEqual([]);
  });
});

describe('External with no domain list', () => {
  test('any domain is a risk', () => {
    const w = externalWithoutDomainList(site({ customerAccess: { external: true, externalDomains: 'any' } }));
    expect(w.map((x) => x.id)).toEqual(['external-any-domain']);
    expect(w[0].fix).toContain('Only allow account creation for customers with specific email domains');
  });
  test('an empty checked list is flagged as undocumented', () => {
    const w = externalWithoutDomainList(site({ customerAccess: { external: true, externalDomains: [] } }));
    expect(w.map((x) => x.id)).toEqual(['external-empty-list']);
  });
  test('quiet when External is off, unknown, or has a list', () => {
    expect(
      externalWithoutDomainList(site({ customerAccess: { external: false, externalDomains: 'any' } })),
    ).toEqual([]);
    expect(externalWithoutDomainList(site({ customerAccess: { externalDomains: 'any' } }))).toEqual([]);
    expect(
      externalWithoutDomainList(site({ customerAccess: { external: true, externalDomains: ['a.com'] } })),
    ).toEqual([]);
  });
});

describe('a listed domain hiding Any domain = Customer', () => {
  test('one warning per listed domain with No access; a User row is a note, not a contradiction', () => {
    const s = site({
      approvedDomains: {
        domains: { 'acme.com': 'customer', 'contractor.io': 'none', 'labs.io': 'user' },
        anyDomain: 'customer',
      },
    });
    const w = listedDomainsHidingAnyDomain(s);
    expect(w.map((x) => x.subject)).toEqual(['contractor.io']);
    const notes = userRoleRows(s);
    expect(notes.map((x) => [x.subject, x.severity])).toEqual([['labs.io', 'note']]);
    expect(notes[0].why).toContain('User access to Jira Service Management');
    expect(notes[0].why).toContain('not Customer');
    expect(w[0].title).toBe('contractor.io is listed as No access, which hides "Any domain" = Customer');
    expect(w[0].fix).toContain('Remove contractor.io from Approved domains');
  });
  test('quiet when Any domain is not Customer', () => {
    expect(
      listedDomainsHidingAnyDomain(
        site({ approvedDomains: { domains: { 'c.io': 'none' }, anyDomain: 'none' } }),
      ),
    ).toEqual([]);
  });
});

describe('External list entries approved domains already cover', () => {
  test('listed as Customer, or covered by Any domain = Customer, with Internal on', () => {
    const s = site({
      customerAccess: {
        internal: true,
        external: true,
        externalDomains: ['Acme.com', 'partner.com', 'x.io'],
      },
      approvedDomains: { domains: { 'acme.com': 'customer', 'x.io': 'none' }, anyDomain: 'customer' },
    });
    const w = externalEntriesCoveredByApprovedDomains(s);
    expect(w.map((x) => x.subject)).toEqual(['Acme.com', 'partner.com']);
    // acme.com has a row of its own; partner.com is covered by Any domain and has no row to remove.
    expect(w[0].fix).toContain("set Acme.com's Jira Service Management role to No access");
    expect(w[1].fix).toContain(
      'add partner.com to Approved domains with the Jira Service Management role No access',
    );
    expect(w[1].fix).not.toMatch(/remove partner\.com from Approved domains/i);
    expect(w[1].why).toContain('partner.com is not listed in Approved domains');
  });
  test('quiet when Internal is off (External then applies)', () => {
    const s = site({
      customerAccess: { internal: false, external: true, externalDomains: ['acme.com'] },
      approvedDomains: { domains: { 'acme.com': 'customer' }, anyDomain: 'none' },
    });
    expect(externalEntriesCoveredByApprovedDomains(s)).toEqual([]);
  });
  test('effective role: own row wins, else Any domain; unknown without the list', () => {
    const s = site({ approvedDomains: { domains: { 'acme.com': 'none' }, anyDomain: 'customer' } });
    expect(effectiveRole(s, 'ACME.com')).toEqual({ role: 'none', row: 'listed' });
    expect(effectiveRole(s, 'other.org')).toEqual({ role: 'customer', row: 'any-domain' });
    expect(effectiveRole(site({ approvedDomains: { anyDomain: 'customer' } }), 'acme.com')).toBeUndefined();
  });
});

describe('entered facts unconfirmed for 90 days', () => {
  test('entered 120 days ago warns; 10 days ago or read live does not', () => {
    const s = site({
      sources: {
        customerAccess: { kind: 'entered', at: '2026-07-24T12:00:00Z' },
        emailChannel: { kind: 'entered', at: '2026-11-11T12:00:00Z' },
        approvedDomains: { kind: 'live', at: '2026-01-01T00:00:00Z' },
      },
    });
    const w = unconfirmedEntries(s, { now: NOW });
    expect(w.map((x) => x.title)).toEqual([
      'Customer access was entered 120 days ago and not confirmed since',
    ]);
    expect(w[0].fix).toContain('press "Confirm" for Customer access on the Site settings tab');
    expect(w[0].where).toBe('Settings > Products > Jira Service Management > Customer access');
  });
  test('also the sections the server reports as stale', () => {
    const w = unconfirmedEntries(site({ projects: { HELP: { name: 'IT Help desk' } } }), {
      now: NOW,
      stale: ['projects.HELP'],
    });
    expect(w.map((x) => x.title)).toEqual([
      'IT Help desk (HELP) customer permissions was entered more than 90 days ago and not confirmed since',
    ]);
  });
});

test('the sample site: every warning, risks first', () => {
  expect(auditSnapshot(sampleSnapshot, { now: NOW }).map((w) => `${w.id} ${w.subject ?? ''}`.trim())).toEqual(
    [
      'any-domain-customer',
      'listed-domain-hides-any-domain contractor.io',
      'external-covered-by-approved-domains partner.com',
      'external-covered-by-approved-domains supplier.example',
      'user-role acme-labs.com',
    ],
  );
});

test('says what it could not audit', () => {
  expect(notAudited(site({}))).toEqual([
    'Customer access is not known yet, so the warnings about it were not checked.',
    'Approved domains are not known yet (enter them, or set an organization API key), so the warnings about them were not checked.',
  ]);
  expect(notAudited(sampleSnapshot)).toEqual([]);
});
