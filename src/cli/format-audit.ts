/** `access-doctor audit`: the settings audit of the evaluator, as text. */
import type { AuditWarning } from '../evaluator';
import type { Colors } from './color';

const SEVERITY: Record<AuditWarning['severity'], (c: Colors) => string> = {
  risk: (c) => c.bold(c.red('RISK')),
  contradiction: (c) => c.bold(c.yellow('CONTRADICTION')),
  note: (c) => c.bold('NOTE'),
  stale: (c) => c.bold(c.yellow('UNCONFIRMED')),
};

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
    out.push('No risky or contradictory settings found in what the snapshot holds.');
  } else {
    out.push(
      warnings.length === 1
        ? '1 finding:'
        : `${warnings.length} findings, the ones that let strangers in first:`,
    );
  }
  warnings.forEach((w, i) => {
    out.push('', `${i + 1}. ${SEVERITY[w.severity](c)} ${w.title}`);
    out.push(`${INDENT}Why:   ${w.why}`, `${INDENT}Fix:   ${w.fix}`, `${INDENT}Where: ${w.where}`);
    if (w.link) out.push(`${INDENT}Link:  ${w.link}`);
  });
  if (notes.length) out.push('', ...notes);
  return out.join('\n') + '\n';
}
