/** Many addresses against one snapshot, grouped by verdict and cause. */
import { parse } from 'csv-parse/sync';
import { diagnose, type DiagnoseOptions, DiagnoseError, resolveProject } from './diagnose';
import { isPrepared, prepareSite, type PreparedSite } from './facts';
import { parseAddress, AddressError } from './address';
import type { AddressRow } from './address-list';
import type { Cause, Change, Diagnosis, Fix, Verdict } from './result';
import type { Snapshot } from './snapshot';

/** One answered line; `line` is its line number in the list, when it came from readAddressRows. */
export type BulkLine =
  { input: string; diagnosis: Diagnosis; line?: number } | { input: string; error: string; line?: number };

export interface BulkGroup {
  verdict: Verdict;
  cause: Cause | null;
  log: string | null;
  count: number;
  emails: string[];
}

export interface BulkReport {
  lines: BulkLine[];
  /** Counts by verdict, plus lines that were not addresses. */
  counts: Record<Verdict | 'invalid', number>;
  /** Groups by verdict and first cause, largest first. */
  groups: BulkGroup[];
}

const EMAIL_COLUMN = /^(e-?mail|e-?mail address|sender|from|customer email)$/i;

/**
 * Addresses from text: one per line, or a CSV whose header row has an "email" column
 * (such as an export of the email log). Blank lines are skipped.
 */
export function readAddressLines(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (EMAIL_COLUMN.test(firstLine.trim().replace(/^"(.*)"$/, '$1'))) {
    // A one-column CSV: its header row names the column.
    return body
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.trim().replace(/^"(.*)"$/, '$1'))
      .filter((l) => l !== '');
  }
  if (firstLine.includes(',') || firstLine.includes(';') || firstLine.includes('\t')) {
    const delimiter = firstLine.includes(',') ? ',' : firstLine.includes(';') ? ';' : '\t';
    const header = (parse(firstLine, { delimiter, relax_quotes: true }) as string[][])[0] ?? [];
    const column = header.findIndex((h) => EMAIL_COLUMN.test(h.trim()));
    if (column >= 0) {
      const rows = parse(body, {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        from_line: 2,
      }) as string[][];
      return rows.map((r) => (r[column] ?? '').trim()).filter((v) => v !== '');
    }
  }
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
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

/** Diagnoses every line against one snapshot; a bad line never stops the run. Throws DiagnoseError for a bad project. */
export function bulkDiagnose(
  site: Snapshot | PreparedSite,
  lines: (string | AddressRow)[],
  options: DiagnoseOptions = {},
): BulkReport {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const project = resolveProject(prepared, options.project).key;
  const opts = { ...options, project: project ?? undefined };
  const byDomain = new Map<string, Diagnosis>();
  const counts: BulkReport['counts'] = { accepted: 0, rejected: 0, unknown: 0, invalid: 0 };
  const groups = new Map<string, BulkGroup>();
  const out: BulkLine[] = [];
  for (const item of lines) {
    const row = typeof item === 'string' ? null : item;
    const input = row ? row.input : (item as string);
    const at = row ? { line: row.line } : {};
    if (row?.error !== undefined) {
      counts.invalid++;
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
        counts.invalid++;
        out.push({ input, error: e instanceof AddressError ? e.reason : e.message, ...at });
        continue;
      }
      throw e;
    }
    out.push({ input, diagnosis, ...at });
    const { verdict, causes, log } = diagnosis.inbound;
    counts[verdict]++;
    const cause = causes[0] ?? null;
    const key = `${verdict}:${cause}`;
    const group = groups.get(key) ?? { verdict, cause, log, count: 0, emails: [] };
    group.count++;
    group.emails.push(diagnosis.email);
    groups.set(key, group);
  }
  return { lines: out, counts, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}
