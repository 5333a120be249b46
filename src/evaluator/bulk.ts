/** Many addresses against one snapshot; the summary by verdict and cause is summary.ts's. */
import { diagnoseParsed, diagnoseWithJson, type DiagnoseOptions, resolveProject } from './diagnose';
import { isPrepared, prepareSite, type PreparedSite } from './facts';
import { parseAddress, AddressError, type ParsedAddress } from './address';
import type { AddressRow } from './address-list';
import type { Snapshot } from './snapshot';
import { summarize, type BulkLine, type BulkSummary } from './summary';

export type { BulkLine, BulkGroup, BulkSummary, NotAnAddress } from './summary';

/** Every line answered, in input order, and their summary. */
export interface BulkReport extends BulkSummary {
  lines: BulkLine[];
}

/**
 * Diagnoses every line against one snapshot, in input order; a bad line never stops the run. Throws
 * DiagnoseError for a bad project. `json`: each answer also as its JSON text (`bulk --json`).
 */
export function diagnoseLines(
  site: Snapshot | PreparedSite,
  lines: (string | AddressRow)[],
  options: DiagnoseOptions = {},
  json = false,
): BulkLine[] {
  const prepared = isPrepared(site) ? site : prepareSite(site);
  const project = resolveProject(prepared, options.project);
  const out: BulkLine[] = [];
  for (const item of lines) {
    const row = typeof item === 'string' ? null : item;
    const input = row ? row.input : (item as string);
    const at = row ? { line: row.line } : {};
    if (row?.error !== undefined) {
      out.push({ input, error: row.error, ...at });
      continue;
    }
    let address: ParsedAddress;
    try {
      address = parseAddress(input);
    } catch (e) {
      if (e instanceof AddressError) {
        out.push({ input, error: e.reason, ...at });
        continue;
      }
      throw e;
    }
    // Answered from what the domain's facts compiled to (src/evaluator/diagnose.ts).
    if (json) out.push({ input, ...diagnoseWithJson(prepared, address, project, options), ...at });
    else out.push({ input, diagnosis: diagnoseParsed(prepared, address, project, options), ...at });
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
