/** The decision matrix: one address under every combination of the settings that decide its account. */
import {
  isPrepared,
  prepareSite,
  readFacts,
  withValues,
  type FactKey,
  type FactValue,
  type PreparedSite,
} from './facts';
import { verdictOf } from './combine';
import { resolveProject, toAddress, type DiagnoseOptions } from './diagnose';
import { byCauseOrder } from './causes';
import { explore, inboundPath, invitePath, ruleContext } from './rules';
import type { Cause, InboundAccount, Notification, Verdict } from './result';
import type { Snapshot } from './snapshot';

export type ExternalSetting = 'off' | 'on-any-domain' | 'on-domain-listed' | 'on-domain-not-listed';
export type DomainRow = 'not-listed' | 'customer' | 'user' | 'none';

export interface MatrixRow {
  internal: boolean;
  external: ExternalSetting;
  /** This address's domain's row in Approved domains. */
  domainRow: DomainRow;
  /** The "Any domain" row. */
  anyDomain: 'customer' | 'none';
  inbound: { verdict: Verdict; account: InboundAccount | null; causes: Cause[] };
  invite: Notification;
  /** The site's current settings give this row. */
  current: boolean;
}

export interface DecisionMatrix {
  email: string;
  domain: string;
  project: string | null;
  rows: MatrixRow[];
}

const EXTERNAL: ExternalSetting[] = ['off', 'on-any-domain', 'on-domain-listed', 'on-domain-not-listed'];
const ROWS: DomainRow[] = ['not-listed', 'customer', 'user', 'none'];
const ANY: MatrixRow['anyDomain'][] = ['customer', 'none'];

/** Every combination of Internal, External (and its list), the domain's row and Any domain, for one address. */
export function decisionMatrix(
  site: Snapshot | PreparedSite,
  email: string,
  options: DiagnoseOptions = {},
): DecisionMatrix {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const address = toAddress(email);
  const project = resolveProject(prepared, options.project).key;
  const facts = readFacts(prepared, address, project);
  const s = prepared.snapshot;
  const listList = prepared.externalDomains;
  const currentExternal: ExternalSetting | undefined =
    s.customerAccess?.external === false
      ? 'off'
      : s.customerAccess?.external === true
        ? listList === 'any'
          ? 'on-any-domain'
          : listList === undefined || listList.size === 0
            ? undefined
            : listList.has(address.domain)
              ? 'on-domain-listed'
              : 'on-domain-not-listed'
        : undefined;
  const currentRow: DomainRow | undefined = prepared.approvedDomains
    ? (prepared.approvedDomains.get(address.domain) ?? 'not-listed')
    : undefined;

  const rows: MatrixRow[] = [];
  for (const internal of [true, false])
    for (const external of EXTERNAL)
      for (const domainRow of ROWS)
        for (const anyDomain of ANY) {
          const role = domainRow === 'not-listed' ? anyDomain : domainRow;
          const override: Partial<Record<FactKey, FactValue>> = {
            internal,
            external: external !== 'off',
            externalList: external === 'on-domain-not-listed' ? 'not-listed' : 'listed',
            role,
          };
          const changed = withValues(facts, override);
          const ctx = ruleContext(changed, {
            email: address.email,
            domain: address.domain,
            project,
            headers: options.headers,
          });
          const paths = explore(changed, (read) => inboundPath(read, ctx));
          const verdict = verdictOf(paths);
          const accounts = new Set(paths.map((p) => p.outcome.account));
          const causes =
            verdict === 'rejected'
              ? [...new Set(paths.flatMap((p) => p.outcome.causes))].sort(byCauseOrder)
              : [];
          const invites = new Set(
            explore(changed, (read) => invitePath(read, ctx)).map((p) => p.outcome.notification),
          );
          rows.push({
            internal,
            external,
            domainRow,
            anyDomain,
            inbound: {
              verdict,
              account: verdict === 'accepted' && accounts.size === 1 ? [...accounts][0] : null,
              causes,
            },
            invite: invites.size === 1 ? [...invites][0] : 'unknown',
            current:
              s.customerAccess?.internal === internal &&
              currentExternal === external &&
              currentRow === domainRow &&
              s.approvedDomains?.anyDomain === anyDomain,
          });
        }
  return { email: address.email, domain: address.domain, project, rows };
}
