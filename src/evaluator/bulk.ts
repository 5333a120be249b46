/** Many addresses against one snapshot; the summary by verdict and cause is summary.ts's. */
import { diagnose, type DiagnoseOptions, DiagnoseError, resolveProject } from './diagnose';
import { isPrepared, prepareSite, type PreparedSite } from './facts';
import { parseAddress, AddressError } from './address';
import type { AddressRow } from './address-list';
import type { Change, Diagnosis, Fix } from './result';
import type { Snapshot } from './snapshot';
import { summarize, type BulkLine, type BulkSummary } from './summary';

export type { BulkLine, BulkGroup, BulkSummary, NotAnAddress } from './summary';

/** Every line answered, in input order, and their summary. */
export interface BulkReport extends BulkSummary {
  lines: BulkLine[];
}

/** The parts of an address's answer that depend on the address itself, not only its domain. */
function personal(site: PreparedSite, email: string, domain: string, project: string | null): boolean {
  if (site.accounts?.has(email)) return true;
  if (site.blocklist?.has(email)) return true;
  const p = project ? site.projects?.get(project.toUpperCase()) : undefined;
  return p?.customers?.has(email) === true || !domain;
}

/**
 * A diagnosis of one address, re-addressed to another of the same domain that has no account, is
 * no customer and is not on the blocklist: only the fix that adds the sender as a customer names it.
 */
function readdress(template: Diagnosis, to: string): Diagnosis {
  const from = template.email;
  if (to === from) return template;
  const { inbound } = template;
  const personalChange = (c: Change) => c.id === 'add-project-customer' || c.id === 'invite-customer';
  const names = (f: Fix) => f.changes.some(personalChange);
  const swap = (s: string) => s.split(from).join(to);
  return {
    ...template,
    email: to,
    inbound: inbound.fixes.some(names)
      ? {
          ...inbound,
          fixes: inbound.fixes.map((f) =>
            names(f)
              ? {
                  ...f,
                  action: swap(f.action),
                  changes: f.changes.map((c) =>
                    personalChange(c)
                      ? {
                          ...c,
                          action: swap(c.action),
                          patch: c.patch.map((p) =>
                            p.op === 'add'
                              ? { ...p, value: to }
                              : p.op === 'set' && p.path[0] === 'accounts'
                                ? { ...p, path: ['accounts', to, ...p.path.slice(2)] }
                                : p,
                          ),
                        }
                      : c,
                  ),
                }
              : f,
          ),
        }
      : inbound,
  };
}

/** Diagnoses every line against one snapshot, in input order; a bad line never stops the run. Throws DiagnoseError for a bad project. */
export function diagnoseLines(
  site: Snapshot | PreparedSite,
  lines: (string | AddressRow)[],
  options: DiagnoseOptions = {},
): BulkLine[] {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const project = resolveProject(prepared, options.project).key;
  const opts = { ...options, project: project ?? undefined };
  const byDomain = new Map<string, Diagnosis>();
  const out: BulkLine[] = [];
  for (const item of lines) {
    const row = typeof item === 'string' ? null : item;
    const input = row ? row.input : (item as string);
    const at = row ? { line: row.line } : {};
    if (row?.error !== undefined) {
      out.push({ input, error: row.error, ...at });
      continue;
    }
    let diagnosis: Diagnosis;
    try {
      const address = parseAddress(input);
      if (options.headers || personal(prepared, address.email, address.domain, project)) {
        diagnosis = diagnose(prepared, address.email, opts);
      } else {
        let template = byDomain.get(address.domain);
        if (!template) {
          template = diagnose(prepared, address.email, opts);
          byDomain.set(address.domain, template);
        }
        diagnosis = readdress(template, address.email);
      }
    } catch (e) {
      if (e instanceof AddressError || (e instanceof DiagnoseError && e.code === 'invalid-address')) {
        out.push({ input, error: e instanceof AddressError ? e.reason : e.message, ...at });
        continue;
      }
      throw e;
    }
    out.push({ input, diagnosis, ...at });
  }
  return out;
}

/** Every line answered and the summary (summary.ts): the report the resolver and the pages share. */
export function bulkDiagnose(
  site: Snapshot | PreparedSite,
  lines: (string | AddressRow)[],
  options: DiagnoseOptions = {},
): BulkReport {
  const answered = diagnoseLines(site, lines, options);
  return { lines: answered, ...summarize(answered) };
}
