/** `access-doctor audit`: the settings audit of the evaluator, as text. */
import type { AuditWarning } from '../evaluator';
import { AUDIT_NONE, AUDIT_PART_LABEL, AUDIT_SEVERITY_LABEL, auditCountText } from '../evaluator/vocabulary';
import type { Colors } from './color';

/** A finding's severity: the vocabulary's word in capitals (emphasis only) and colour. */
const SEVERITY: Record<AuditWarning['severity'], (c: Colors, word: string) => string> = {
  risk: (c, word) => c.bold(c.red(word)),
  contradiction: (c, word) => c.bold(c.yellow(word)),
  note: (c, word) => c.bold(word),
  stale: (c, word) => c.bold(c.yellow(word)),
};

/** "Why it matters:", "Fix:", "Where:", "Link:", padded so that the texts line up. */
const PART = (label: string) => `${label}:`.padEnd(AUDIT_PART_LABEL.why.length + 2);

const INDENT = '  ';

export function formatAudit(
  warnings: AuditWarning[],
  notes: string[],
  siteName: string,
  fromFile: boolean,
  c: Colors,
): string {
  const out: string[] = [
    `Settings audit of ${siteName}`,
    fromFile ? '' : c.dim('(the embedded sample site; give --snapshot FILE for your own)'),
  ].filter(Boolean);
  out.push('');
  if (warnings.length === 0) {
    out.push(`${AUDIT_NONE} in what the snapshot holds.`);
  } else {
    out.push(`${auditCountText(warnings.length)}:`);
  }
  warnings.forEach((w, i) => {
    const severity = SEVERITY[w.severity](c, AUDIT_SEVERITY_LABEL[w.severity].toUpperCase());
    out.push('', `${i + 1}. ${severity} ${w.title}`);
    out.push(
      `${INDENT}${PART(AUDIT_PART_LABEL.why)}${w.why}`,
      `${INDENT}${PART(AUDIT_PART_LABEL.fix)}${w.fix}`,
      `${INDENT}${PART(AUDIT_PART_LABEL.where)}${w.where}`,
    );
    if (w.link) out.push(`${INDENT}${PART('Link')}${w.link}`);
  });
  if (notes.length) out.push('', ...notes);
  return out.join('\n') + '\n';
}
