import fc from 'fast-check';
import {
  applyFix,
  diagnose,
  parseSnapshot,
  type ApprovedDomainRole,
  type Snapshot,
} from '../../src/evaluator';

const DOMAINS = ['acme.com', 'partner.com', 'ext.io', 'labs.io'];
const ADDRESSES = DOMAINS.flatMap((d) => [`a@${d}`, `b@${d}`]);
const role = fc.constantFrom('customer', 'user', 'none');

/** Snapshots with every key present (`complete`) or any of them absent. */
function snapshots(complete: boolean): fc.Arbitrary<Snapshot> {
  const rec = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
    complete ? fc.record(model) : fc.record(model, { requiredKeys: [] });
  const account = rec({
    type: fc.constantFrom('atlassian', 'portal-only'),
    // deactivated and closed are undocumented (answered unknown), so a complete site avoids them
    status: complete
      ? fc.constantFrom('active', 'suspended')
      : fc.constantFrom('active', 'suspended', 'deactivated', 'closed'),
    customerRole: fc.boolean(),
    duplicate: fc.boolean(),
  });
  return fc
    .record({
      customerAccess: rec({
        internal: fc.boolean(),
        external: fc.boolean(),
        // an empty list is OPEN (answered unknown), so a complete site has at least one domain
        externalDomains: fc.oneof(fc.constant('any'), fc.subarray(DOMAINS, { minLength: complete ? 1 : 0 })),
        accountCreation: fc.constantFrom('allowed', 'not-allowed'),
      }),
      approvedDomains: rec({ domains: fc.dictionary(fc.constantFrom(...DOMAINS), role), anyDomain: role }),
      emailChannel: rec({
        blocklist: fc.subarray([...DOMAINS, ...ADDRESSES], { maxLength: 2 }),
        // a domain on both lists is OPEN (answered unknown), so a complete site allowlists none
        allowlist: complete ? fc.constant([]) : fc.subarray(DOMAINS, { maxLength: 2 }),
      }),
      project: rec({
        access: fc.constantFrom('open', 'restricted'),
        customers: fc.subarray(ADDRESSES),
        portalAccessGrants: fc.boolean(),
        customerInvitedNotification: fc.boolean(),
      }),
      accounts: fc.dictionary(fc.constantFrom(...ADDRESSES), account, { maxKeys: 4 }),
      hasAccounts: complete ? fc.constant(true) : fc.boolean(),
    })
    .map(({ project, hasAccounts, accounts, ...rest }) =>
      parseSnapshot({
        format: 'customer-access-doctor/snapshot',
        version: 1,
        ...rest,
        projects: { HELP: project },
        ...(hasAccounts ? { accounts } : {}),
      }),
    );
}

const email = fc.constantFrom(...ADDRESSES, 'c@ext.io', 'd@other.org');
const RUNS = { numRuns: 400 };

function shout(s: Snapshot): Snapshot {
  const upKeys = <T>(r: Record<string, T> | undefined) =>
    r && Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toUpperCase(), v]));
  const ca = s.customerAccess;
  return {
    ...s,
    customerAccess: ca && {
      ...ca,
      ...(Array.isArray(ca.externalDomains)
        ? { externalDomains: ca.externalDomains.map((d) => d.toUpperCase()) }
        : {}),
    },
    approvedDomains: s.approvedDomains && {
      ...s.approvedDomains,
      domains: upKeys(s.approvedDomains.domains),
    },
    emailChannel: s.emailChannel && {
      blocklist: s.emailChannel.blocklist?.map((d) => d.toUpperCase()),
      allowlist: s.emailChannel.allowlist?.map((d) => d.toUpperCase()),
    },
    accounts: upKeys(s.accounts),
    projects: {
      help: { ...s.projects!.HELP, customers: s.projects!.HELP.customers?.map((c) => c.toUpperCase()) },
    },
  };
}

describe('properties of the rules', () => {
  it('letter case never changes a verdict or its causes', () => {
    fc.assert(
      fc.property(snapshots(false), email, (s, e) => {
        const a = diagnose(s, e, { project: 'HELP' }).inbound;
        const b = diagnose(shout(s), e.toUpperCase(), { project: 'help' }).inbound;
        expect([b.verdict, b.account, b.causes]).toEqual([a.verdict, a.account, a.causes]);
      }),
      RUNS,
    );
  });

  it("adding the sender's domain to External's list never turns accepted into rejected", () => {
    fc.assert(
      fc.property(snapshots(false), email, (s, e) => {
        const before = diagnose(s, e, { project: 'HELP', fixes: false }).inbound.verdict;
        const list = s.customerAccess?.externalDomains;
        const domain = e.split('@')[1];
        const widened: Snapshot = {
          ...s,
          customerAccess: {
            ...s.customerAccess,
            externalDomains: list === 'any' ? 'any' : [...(list ?? []), domain],
          },
        };
        const after = diagnose(widened, e, { project: 'HELP', fixes: false }).inbound.verdict;
        if (before === 'accepted') expect(after).not.toBe('rejected');
      }),
      RUNS,
    );
  });

  it("a listed domain's row always beats Any domain", () => {
    fc.assert(
      fc.property(snapshots(false), email, role, role, (s, e, listed, any) => {
        const domain = e.split('@')[1];
        const withAny = (anyDomain: ApprovedDomainRole): Snapshot => ({
          ...s,
          approvedDomains: { domains: { ...s.approvedDomains?.domains, [domain]: listed }, anyDomain },
        });
        const a = diagnose(withAny(any), e, { project: 'HELP', fixes: false }).inbound;
        const b = diagnose(withAny(any === 'customer' ? 'none' : 'customer'), e, {
          project: 'HELP',
          fixes: false,
        }).inbound;
        expect([b.verdict, b.causes]).toEqual([a.verdict, a.causes]);
      }),
      RUNS,
    );
  });

  it('every rejection has a cause and a fix, and applying the first fix makes the address accepted', () => {
    fc.assert(
      fc.property(snapshots(false), email, (s, e) => {
        const d = diagnose(s, e, { project: 'HELP' }).inbound;
        if (d.verdict !== 'rejected') return;
        expect(d.causes.length).toBeGreaterThan(0);
        expect(d.fixes.length).toBeGreaterThan(0);
        const fixed = diagnose(applyFix(s, d.fixes[0]), e, { project: 'HELP', fixes: false }).inbound;
        // Where the snapshot lacks facts, the fix can only remove every cause found; the rest turns on those facts.
        if (d.fixes[0].leavesUnknown) {
          expect(fixed.verdict).not.toBe('accepted');
          expect(fixed.causes.filter((c) => d.causes.includes(c))).toEqual([]);
        } else expect(fixed.verdict).toBe('accepted');
      }),
      RUNS,
    );
  });

  it('fixes are ordered so that one granting least comes first', () => {
    fc.assert(
      fc.property(snapshots(false), email, (s, e) => {
        const { fixes } = diagnose(s, e, { project: 'HELP' }).inbound;
        const firstRisky = fixes.findIndex((f) => f.risky);
        if (firstRisky >= 0) expect(fixes.slice(firstRisky).every((f) => f.risky)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the verdict is unknown only when a fact is absent', () => {
    fc.assert(
      fc.property(snapshots(true), email, (s, e) => {
        const d = diagnose(s, e, { project: 'HELP' });
        expect(d.inbound.verdict).not.toBe('unknown');
        expect(d.inbound.fixes.every((f) => !f.leavesUnknown)).toBe(true);
      }),
      RUNS,
    );
  });
});
