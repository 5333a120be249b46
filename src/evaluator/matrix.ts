import type { Snapshot } from './snapshot';
import type { Cause, InboundAccount, Notification, Verdict } from './result';
import type { PreparedSite, DiagnoseOptions } from './diagnose';

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
  rows: MatrixRow[];
}

/** Every combination of Internal, External (and its list), the domain's row and Any domain, for one address. */
export function decisionMatrix(
  _site: Snapshot | PreparedSite,
  _email: string,
  _options: DiagnoseOptions = {},
): DecisionMatrix {
  throw new Error('not implemented yet');
}
