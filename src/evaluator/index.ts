/**
 * The shared evaluator: pure rules, no Forge import, no I/O. The resolver, the pages and the
 * command line all import this module.
 */
export * from './snapshot';
export * from './result';
export {
  parseAddress,
  normalizeDomain,
  normalizeEmail,
  domainToAscii,
  AddressError,
  hiddenCharacter,
  type ParsedAddress,
} from './address';
export { sampleSnapshot } from './sample';
export {
  diagnose,
  DiagnoseError,
  resolveProject,
  prepareSite,
  type PreparedSite,
  type DiagnoseOptions,
  type MessageHeaders,
} from './diagnose';
export { applyPatches, applyFix } from './patch';
export {
  decisionMatrix,
  type MatrixRow,
  type DecisionMatrix,
  type ExternalSetting,
  type DomainRow,
} from './matrix';
export { bulkDiagnose, diagnoseLines, type BulkReport } from './bulk';
export {
  summarize,
  SummaryBuilder,
  resultsCsv,
  count,
  BULK_BATCH_LINES,
  batchText,
  FIX_OWNER_LABEL,
  RESULTS_CSV_COLUMNS,
  type BulkLine,
  type BulkGroup,
  type BulkSummary,
  type NotAnAddress,
} from './summary';
export { readAddressRows, type AddressRow } from './address-list';
export { settingsLinks, type SettingsPage, type SettingsPageId } from './pages';
export { auditSnapshot, notAudited, type AuditWarning, type AuditOptions } from './audit';
export { ENTERED_FACT_LABEL, ROLE_LABEL, SECTION_LABEL, STALE_AFTER_DAYS, sectionLabel } from './vocabulary';
export { CAUSES, CAUSE_ORDER, byCauseOrder, type CauseEntry } from './causes';
