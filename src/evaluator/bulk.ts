/** Many addresses against one snapshot; the summary by verdict and cause is summary.ts's. */
import { diagnose, type DiagnoseOptions, DiagnoseError, resolveProject } from './diagnose';
import { isPrepared, prepareSite, type PreparedSite } from './facts';
import { parseAddress, AddressError } from './address';
import type { AddressRow } from './address-list';
import type { Diagnosis } from './result';
import type { Snapshot } from './snapshot';
import { summarize, type BulkLine, type BulkSummary } from './summary';

export type { BulkLine, BulkGroup, BulkSummary, NotAnAddress } from './summary';

/** Every line answered, in input order, and their summary. */
export interface BulkReport extends BulkSummary {
  lines: BulkLine[];
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
      // diagnose compiles a domain's answer once and fills in each sender (src/evaluator/diagnose.ts).
      diagnosis = diagnose(prepared, address.email, opts);
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
