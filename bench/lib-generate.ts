/** Generated sites and address lists for the benchmark (deterministic: same sizes, same data). */
import type { AccountFacts, ApprovedDomainRole, Snapshot } from '../src/evaluator';

/** A small deterministic PRNG (mulberry32), so every run checks the same addresses. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES: ApprovedDomainRole[] = ['customer', 'customer', 'user', 'none'];

export const approvedDomain = (i: number): string => `corp${i}.example`;
export const externalDomain = (i: number): string => `partner${i}.example`;
export const otherDomain = (i: number): string => `mail${i}.example`;

/**
 * A site with `approved` approved domains (roles mixed), `external` domains on External's list,
 * Any domain = None, Internal and External on, 1,000 accounts of every kind, two projects.
 */
export function generateSnapshot(approved: number, external: number): Snapshot {
  const domains: Record<string, ApprovedDomainRole> = {};
  for (let i = 0; i < approved; i++) domains[approvedDomain(i)] = ROLES[i % ROLES.length];
  const externalDomains: string[] = [];
  for (let i = 0; i < external; i++) externalDomains.push(externalDomain(i));
  const accounts: Record<string, AccountFacts> = {};
  for (let i = 0; i < 1000; i++) {
    accounts[`user${i}@${approvedDomain(i % 50)}`] = {
      type: i % 3 === 0 ? 'portal-only' : 'atlassian',
      status: i % 17 === 0 ? 'suspended' : 'active',
      customerRole: i % 11 !== 0,
      duplicate: i % 23 === 0,
    };
  }
  return {
    format: 'customer-access-doctor/snapshot',
    version: 1,
    site: { url: 'https://bench.atlassian.net' },
    customerAccess: { internal: true, external: true, externalDomains, accountCreation: 'allowed' },
    approvedDomains: { domains, anyDomain: 'none' },
    emailChannel: {
      allowlist: [externalDomain(0)],
      blocklist: ['spam.example', `noreply@${approvedDomain(1)}`],
    },
    projects: {
      HELP: {
        name: 'Help desk',
        access: 'open',
        customers: Array.from({ length: 200 }, (_, i) => `user${i}@${approvedDomain(i % 50)}`),
        portalAccessGrants: true,
        customerInvitedNotification: true,
      },
      VIP: { name: 'VIP', access: 'restricted', customers: [], portalAccessGrants: true },
    },
    accounts,
  };
}

/**
 * `count` address lines drawn from a pool of 3 × `pool` domains (the first `pool` of each kind), the
 * same pool whatever the snapshot's size: 40% at approved-style domains, 30% at partner domains,
 * 25% elsewhere, 3% existing accounts, 2% lines that are not addresses.
 */
export function generateAddresses(count: number, seed = 1, pool = 1000): string[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const lines: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const r = next();
    if (r < 0.4) lines[i] = `person${i}@${approvedDomain(pick(pool))}`;
    else if (r < 0.7) lines[i] = `person${i}@${externalDomain(pick(pool))}`;
    else if (r < 0.95) lines[i] = `person${i}@${otherDomain(pick(pool))}`;
    else if (r < 0.98) {
      const u = pick(1000);
      lines[i] = `user${u}@${approvedDomain(u % 50)}`;
    } else lines[i] = i % 2 ? `not an address ${i}` : `"Pat" <pat${i}@x.example>, b@y.example`;
  }
  return lines;
}
