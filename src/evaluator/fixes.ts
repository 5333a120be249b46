/**
 * Fixes: the smallest sets of changes that make a rejected address accepted. Candidates are tried on
 * the facts (cheap), then every fix kept is confirmed by re-evaluating the changed snapshot.
 */
import type { FactKey, FactValue, Facts, PreparedSite, Shown } from './facts';
import { settingsLinks } from './pages';
import { byCauseOrder } from './causes';
import { ROLE_LABEL } from './vocabulary';
import { explore, invitePath, ruleContext, STEPS } from './rules';
import { FIX_OWNERS, type Cause, type Change, type Fix } from './result';

/** Every change a fix can be made of; the step table (rules.ts) names which answer each cause. */
export const FIX_IDS = [
  'remove-from-blocklist',
  'check-blocklist',
  'add-to-allowlist',
  'restore-access',
  'resolve-duplicate',
  'grant-customer-role',
  'allow-account-creation',
  'add-external-domain',
  'external-any-domain',
  'external-on',
  'approve-domain',
  'remove-domain-row',
  'any-domain-customer',
  'internal-on',
  'invite-customer',
  'add-project-customer',
  'open-project',
  'grant-portal-access',
] as const;
export type FixId = (typeof FIX_IDS)[number];

interface Candidate {
  change: Change & { id: FixId };
  /**
   * How much it grants beyond this sender: 0 the sender only, 1 one domain's people, 2 more than one
   * domain's people (a site-wide switch, a list of domains), 3 anyone. 2 and up is risky (contract.md §2).
   */
  weight: number;
  letsIn: string;
  /** Its effect on the facts. */
  effect: Partial<Record<FactKey, FactValue>>;
}

/**
 * What a fix is made from: the site's own settings, the facts read for the sender and how the sender
 * is named (`shown`). Whatever a fix needs to know about the sender is a fact, so that senders whose
 * facts are alike get the same fixes, their names aside.
 */
export interface FixContext {
  site: PreparedSite;
  facts: Facts;
  shown: Shown;
  project: string | null;
  /** Every cause seen on any explored path. */
  causes: Set<Cause>;
}

export function candidates(ctx: FixContext): Candidate[] {
  const { site, facts, project, causes } = ctx;
  const { email, domain } = ctx.shown;
  const s = site.snapshot;
  const pages = settingsLinks(s.site?.url, project ?? undefined);
  const out: Candidate[] = [];
  // A change is a candidate when it answers a cause seen on some explored path (the step table says which).
  const wanted = (id: FixId) => ANSWERS.get(id)!.some((c) => causes.has(c));
  const accountPath = (field: string) => ['accounts', facts.accountExists.spelled?.[0] ?? email, field];
  const list = s.customerAccess?.externalDomains;
  const anyDomain = s.approvedDomains?.anyDomain;
  const listedKey = facts.role.spelled?.[0];
  // A listed domain's role fact is its own row's role.
  const listedRole = ROLE_LABEL[facts.role.value as keyof typeof ROLE_LABEL] ?? String(facts.role.value);
  const approvedCustomer = site.customerDomains ?? [];
  const brief = (items: string[]) =>
    items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', ');

  if (wanted('remove-from-blocklist')) {
    const entries = facts.blocklist.spelled ?? [];
    if (entries.length) {
      const domainEntry = facts.blocklist.byDomain === true;
      out.push({
        change: {
          id: 'remove-from-blocklist',
          who: 'project-admin',
          action: `Remove ${entries.join(' and ')} from the blocklist`,
          ...pages.emailRequests,
          patch: entries.map((value) => ({
            op: 'remove' as const,
            path: ['emailChannel', 'blocklist'],
            value,
          })),
        },
        weight: domainEntry ? 1 : 0,
        letsIn: domainEntry ? `mail from every ${domain} address is no longer filtered` : 'only this sender',
        effect: { blocklist: false },
      });
    }
  }
  if (wanted('check-blocklist') && facts.blocklist.value === undefined) {
    // The blocklist is not known: the fix is to make sure the sender is not on it.
    out.push({
      change: {
        id: 'check-blocklist',
        who: 'project-admin',
        action: `Make sure neither ${email} nor ${domain} is on the blocklist, then enter the blocklist in Customer Access Doctor`,
        ...pages.emailRequests,
        patch: [{ op: 'set', path: ['emailChannel', 'blocklist'], value: [] }],
      },
      weight: 0,
      letsIn: 'only this sender',
      effect: { blocklist: false },
    });
  }
  if (wanted('add-to-allowlist')) {
    out.push({
      change: {
        id: 'add-to-allowlist',
        who: 'project-admin',
        action: `Add ${domain} to the allowlist, so its auto-replies, bulk mail and delivery reports are not filtered`,
        ...pages.emailAllowlist,
        patch: [{ op: 'add', path: ['emailChannel', 'allowlist'], value: domain }],
      },
      weight: 1,
      letsIn: `automated mail from every ${domain} address is processed too`,
      effect: { allowlist: true },
    });
  }
  if (wanted('restore-access')) {
    out.push({
      change: {
        id: 'restore-access',
        who: 'org-admin',
        action: `Restore ${email}'s access (Directory > Users > the user > Restore access)`,
        ...pages.userInAdmin,
        patch: [{ op: 'set', path: accountPath('status'), value: 'active' }],
      },
      weight: 0,
      letsIn: 'only this sender',
      effect: { accountStatus: 'active' },
    });
  }
  if (wanted('resolve-duplicate')) {
    out.push({
      change: {
        id: 'resolve-duplicate',
        who: 'org-admin',
        action: `Keep one account for ${email}: migrate the portal-only account to the Atlassian account, or remove one of them`,
        ...pages.duplicateAccounts,
        patch: [{ op: 'set', path: accountPath('duplicate'), value: false }],
      },
      weight: 0,
      letsIn: 'only this sender',
      effect: { duplicate: false },
    });
  }
  if (wanted('grant-customer-role')) {
    out.push({
      change: {
        id: 'grant-customer-role',
        who: 'org-admin',
        action: `Give ${email} the Jira Service Management Customer role (product access)`,
        ...pages.userInAdmin,
        patch: [{ op: 'set', path: accountPath('customerRole'), value: true }],
      },
      weight: 0,
      letsIn: 'only this sender',
      effect: { customerRole: true },
    });
  }
  if (wanted('allow-account-creation')) {
    out.push({
      change: {
        id: 'allow-account-creation',
        who: 'jira-admin',
        action: 'Set Portal access to "Allow customers to create accounts"',
        ...pages.customerAccess,
        patch: [{ op: 'set', path: ['customerAccess', 'accountCreation'], value: 'allowed' }],
      },
      weight: 2,
      letsIn:
        'every new customer the Customer access settings allow can then create an account, by email or on the portal',
      effect: { accountCreation: 'allowed' },
    });
  }
  if (wanted('add-external-domain')) {
    if (Array.isArray(list) && facts.externalList.value !== 'listed') {
      out.push({
        change: {
          id: 'add-external-domain',
          who: 'jira-admin',
          action: `Add ${domain} to External's list ("Only allow account creation for customers with specific email domains")`,
          ...pages.customerAccess,
          patch: [{ op: 'add', path: ['customerAccess', 'externalDomains'], value: domain }],
        },
        weight: 1,
        letsIn: `anyone with an @${domain} address (portal-only account)`,
        effect: { externalList: 'listed' },
      });
      out.push({
        change: {
          id: 'external-any-domain',
          who: 'jira-admin',
          action: 'Uncheck "Only allow account creation for customers with specific email domains"',
          ...pages.customerAccess,
          patch: [{ op: 'set', path: ['customerAccess', 'externalDomains'], value: 'any' }],
        },
        weight: 3,
        letsIn: 'anyone with any email address (portal-only account)',
        effect: { externalList: 'listed' },
      });
    }
    if (facts.external.value !== true) {
      const newList = list === undefined || (Array.isArray(list) && list.length === 0);
      out.push({
        change: {
          id: 'external-on',
          who: 'jira-admin',
          action: newList
            ? `Turn on "Allow portal-only accounts to be created for new customers" with the domain list ${domain}`
            : 'Turn on "Allow portal-only accounts to be created for new customers"',
          ...pages.customerAccess,
          patch: [
            { op: 'set', path: ['customerAccess', 'external'], value: true },
            ...(newList
              ? [{ op: 'set' as const, path: ['customerAccess', 'externalDomains'], value: [domain] }]
              : []),
          ],
        },
        // Risky when it lets in people of a domain other than the sender's.
        weight: list === 'any' ? 3 : newList || facts.externalList.onlyEntry ? 1 : 2,
        letsIn:
          list === 'any'
            ? 'anyone with any email address (portal-only account)'
            : newList
              ? `anyone with an @${domain} address (portal-only account)`
              : `new customers at the domains on External's list (${brief(list ?? [])})`,
        effect: newList ? { external: true, externalList: 'listed' } : { external: true },
      });
    }
    if (facts.role.value !== 'customer') {
      out.push({
        change: {
          id: 'approve-domain',
          who: 'org-admin',
          action: listedKey
            ? `Change ${domain}'s Jira Service Management role from ${listedRole} to Customer in Approved domains`
            : `Add ${domain} to Approved domains with the Jira Service Management role Customer`,
          ...pages.approvedDomains,
          patch: [
            { op: 'set', path: ['approvedDomains', 'domains', listedKey ?? domain], value: 'customer' },
          ],
        },
        weight: 1,
        letsIn: `anyone with an @${domain} address (Atlassian account)`,
        effect: { role: 'customer' },
      });
      if (listedKey && anyDomain === 'customer') {
        out.push({
          change: {
            id: 'remove-domain-row',
            who: 'org-admin',
            action: `Remove ${domain}'s ${listedRole} row from Approved domains, so that "Any domain" (Customer) applies`,
            ...pages.approvedDomains,
            patch: [{ op: 'delete', path: ['approvedDomains', 'domains', listedKey] }],
          },
          weight: 1,
          letsIn: `anyone with an @${domain} address (Atlassian account)`,
          effect: { role: 'customer' },
        });
      }
      if (!listedKey && anyDomain !== 'customer') {
        out.push({
          change: {
            id: 'any-domain-customer',
            who: 'org-admin',
            action: 'Set the "Any domain" row of Approved domains to Customer',
            ...pages.approvedDomains,
            patch: [{ op: 'set', path: ['approvedDomains', 'anyDomain'], value: 'customer' }],
          },
          weight: 3,
          letsIn: 'anyone with any email address whose domain is not listed (Atlassian account)',
          effect: { role: 'customer' },
        });
      }
    }
    if (facts.internal.value !== true) {
      out.push({
        change: {
          id: 'internal-on',
          who: 'jira-admin',
          action:
            'Turn on "Use approved domains to grant internal customers access to the help center with Atlassian accounts"',
          ...pages.customerAccess,
          patch: [{ op: 'set', path: ['customerAccess', 'internal'], value: true }],
        },
        weight: anyDomain === 'customer' ? 3 : facts.role.onlyEntry ? 1 : 2,
        letsIn:
          anyDomain === 'customer'
            ? 'anyone with any email address whose domain is not listed as No access or User (Any domain is Customer)'
            : `people at every domain approved as Customer${approvedCustomer.length ? ` (${brief(approvedCustomer)})` : ''}`,
        effect: { internal: true },
      });
    }
  }
  const invite = project && wanted('invite-customer') ? inviteCreates(ctx) : null;
  if (invite && project) {
    // domain.md §3: an invite on the Customers page creates the account and makes the sender a customer.
    const atlassian = invite === 'atlassian';
    out.push({
      change: {
        id: 'invite-customer',
        who: 'agent',
        action: `Invite ${email} on ${project}'s Customers page (Add customers): it creates ${atlassian ? 'an Atlassian account' : 'a portal-only account'} and makes the sender a customer of ${project}`,
        ...pages.projectCustomers,
        patch: [
          {
            op: 'set',
            path: ['accounts', email],
            value: { type: invite, status: 'active', customerRole: atlassian, duplicate: false },
          },
          { op: 'add', path: ['projects', project, 'customers'], value: email },
        ],
      },
      weight: 0,
      letsIn: 'only this sender',
      effect: {
        accountExists: true,
        accountType: invite,
        accountStatus: 'active',
        duplicate: false,
        customerRole: atlassian,
        isCustomer: true,
      },
    });
  }
  if (wanted('open-project') && project) {
    if (!invite)
      out.push({
        change: {
          id: 'add-project-customer',
          who: 'agent',
          action: `Add ${email} to ${project}'s customers`,
          ...pages.projectCustomers,
          patch: [{ op: 'add', path: ['projects', project, 'customers'], value: email }],
        },
        weight: 0,
        letsIn: 'only this sender',
        effect: { isCustomer: true },
      });
    out.push({
      change: {
        id: 'open-project',
        who: 'project-admin',
        action: `Set ${project}'s Customer permissions to Open`,
        ...pages.projectCustomerPermissions,
        patch: [{ op: 'set', path: ['projects', project, 'access'], value: 'open' }],
      },
      weight: 2,
      letsIn: `everyone the site's Customer access lets in can raise requests in ${project}`,
      effect: { projectAccess: 'open' },
    });
  }
  if (wanted('grant-portal-access') && project) {
    out.push({
      change: {
        id: 'grant-portal-access',
        who: 'jira-admin',
        action: `Grant "Service Project Customer - Portal Access" Browse Projects and Create Issues in ${project}'s permission scheme`,
        ...pages.permissionSchemes,
        patch: [{ op: 'set', path: ['projects', project, 'portalAccessGrants'], value: true }],
      },
      weight: 2,
      letsIn: `every customer of ${project}, and every new customer the site's Customer access lets in, can raise requests in ${project} again`,
      effect: { portalAccessGrants: true },
    });
  }
  return out;
}

/**
 * The account an invite of a sender who has none creates (domain.md §3), when the invite is certain
 * to succeed whatever the unknown facts are; else null.
 */
function inviteCreates(ctx: FixContext): 'atlassian' | 'portal-only' | null {
  if (ctx.facts.accountExists.value !== false) return null;
  const rule = ruleContext(ctx.facts, { ...ctx.shown, project: ctx.project });
  const kinds = new Set(
    explore(ctx.facts, (read) => invitePath(read, rule)).map(({ outcome }) =>
      outcome.error !== null || outcome.notification === 'unknown'
        ? null
        : outcome.notification === 'atlassian-account-invitation'
          ? 'atlassian'
          : 'portal-only',
    ),
  );
  return kinds.size === 1 ? [...kinds][0] : null;
}

const MAX_FIXES = 6;

/**
 * Smallest sets of candidates that make the address accepted (no proper subset does), the one
 * granting least first. `accepts` evaluates the facts with the candidates' effects applied;
 * `confirm` re-evaluates the changed snapshot.
 */
export function searchFixes(
  ctx: FixContext,
  causes: Cause[],
  accepts: (effect: Partial<Record<FactKey, FactValue>>, goal: FixGoal) => boolean,
  confirm: (fix: Fix, goal: FixGoal) => boolean,
): Fix[] {
  const cands = candidates(ctx);
  // The search depends only on the facts' values and the candidates: addresses alike share it.
  let cache = searchCache.get(ctx.site);
  if (!cache) searchCache.set(ctx.site, (cache = new Map()));
  const key = JSON.stringify([
    Object.values(ctx.facts).map((f) => f.value),
    cands.map((c) => c.change.id),
    causes,
  ]);
  const hit = cache.get(key);
  if (hit) return hit.sets.map((set) => assemble(cands, set, causes, hit.goal));
  for (const goal of ['accepted', 'clears-causes'] as const) {
    const sets = searchFor(goal, cands, causes, accepts, confirm);
    if (sets.length || goal === 'clears-causes') {
      cache.set(key, { goal, sets });
      return sets.map((set) => assemble(cands, set, causes, goal));
    }
  }
  return [];
}

const searchCache = new WeakMap<PreparedSite, Map<string, { goal: FixGoal; sets: number[][] }>>();

/**
 * "accepted": the changes make the address accepted. "clears-causes": when facts the snapshot lacks
 * keep any change from making it certainly accepted, the changes remove every blocking cause found,
 * whatever those facts are; the verdict then turns on them.
 */
export type FixGoal = 'accepted' | 'clears-causes';

function searchFor(
  goal: FixGoal,
  cands: Candidate[],
  causes: Cause[],
  accepts: (effect: Partial<Record<FactKey, FactValue>>, goal: FixGoal) => boolean,
  confirm: (fix: Fix, goal: FixGoal) => boolean,
): number[][] {
  const found: number[][] = [];
  const isSuperset = (set: number[]) => found.some((f) => f.every((i) => set.includes(i)));
  const combine = (size: number, start: number, acc: number[]) => {
    if (acc.length === size) {
      if (isSuperset(acc)) return;
      const effect = Object.assign({}, ...acc.map((i) => cands[i].effect));
      if (accepts(effect, goal)) found.push([...acc]);
      return;
    }
    for (let i = start; i < cands.length; i++) {
      acc.push(i);
      combine(size, i + 1, acc);
      acc.pop();
    }
  };
  const maxChanges = Math.min(cands.length, Math.max(4, causes.length + 1));
  for (let size = 1; size <= maxChanges; size++) combine(size, 0, []);

  const weight = (set: number[]) => set.reduce((w, i) => w + cands[i].weight, 0);
  const maxWeight = (set: number[]) => Math.max(...set.map((i) => cands[i].weight));
  found.sort((a, b) => maxWeight(a) - maxWeight(b) || weight(a) - weight(b) || a.length - b.length);

  const kept: number[][] = [];
  for (const set of found) {
    if (kept.length >= MAX_FIXES) break;
    if (confirm(assemble(cands, set, causes, goal), goal)) kept.push(set);
  }
  return kept;
}

/** The causes each change answers, as the step table names them. */
const ANSWERS = new Map<FixId, Cause[]>(FIX_IDS.map((id) => [id, []]));
for (const s of STEPS)
  for (const [cause, fixes] of Object.entries(s.causes) as [Cause, readonly FixId[]][])
    for (const id of fixes) ANSWERS.get(id)!.push(cause);

function assemble(cands: Candidate[], set: number[], causes: Cause[], goal: FixGoal): Fix {
  const parts = set.map((i) => cands[i]);
  const answered = new Set(parts.flatMap((p) => ANSWERS.get(p.change.id)!));
  const fixed = causes.filter((c) => answered.has(c));
  const ordered = fixed.length ? fixed : [...answered].sort(byCauseOrder);
  const first = parts[0].change;
  const who = FIX_OWNERS[Math.max(...parts.map((p) => FIX_OWNERS.indexOf(p.change.who)))];
  return {
    cause: ordered[0] ?? causes[0],
    causes: ordered,
    action: parts.map((p) => p.change.action).join('; and '),
    where: first.where,
    ...(first.link ? { link: first.link } : {}),
    // One change: its words are the fix's (not written twice in every answer).
    changes: parts.length === 1 ? [{ id: first.id, patch: first.patch }] : parts.map((p) => p.change),
    who,
    risky: parts.some((p) => p.weight >= 2),
    letsIn: parts.map((p) => p.letsIn).join('; '),
    ...(goal === 'clears-causes' ? { leavesUnknown: true } : {}),
  };
}
