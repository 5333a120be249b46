// Validates manifest.yml offline with @forge/manifest (schema, then references: functions, resources,
// scopes) and exits non-zero on any error. Warnings are printed but do not fail.
import { validate } from '@forge/manifest';

const file = process.argv[2] ?? 'manifest.yml';
const result = await validate(false, file);
const errors = (result.errors ?? []).filter((e) => e.level === 'error');
const warnings = (result.errors ?? []).filter((e) => e.level !== 'error');
const where = (e) => (e.line ? `${file}:${e.line}:${e.column ?? 1}` : file);
for (const w of warnings) console.warn(`warning ${where(w)} ${w.message}`);
for (const e of errors)
  console.error(`error ${where(e)} ${e.message}${e.reference ? ` [${e.reference}]` : ''}`);
if (errors.length > 0) {
  console.error(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(
  `${file}: valid${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}`,
);
