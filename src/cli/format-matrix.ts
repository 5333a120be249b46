/** `access-doctor matrix`: Atlassian's "Invite notification types" table, generalised, for one address. */
import type { Cause, DecisionMatrix, MatrixRow } from '../evaluator';
import {
  causeLabel,
  DOMAIN_ROW_LABEL,
  EXTERNAL_SETTING_LABEL,
  LABEL_ANY_DOMAIN,
  matrixOutcomeText,
  ROLE_LABEL,
  valueText,
} from '../evaluator/vocabulary';
import { stripColor, type Colors } from './color';
import { NOTIFICATION_SHORT } from './labels';

function onOff(value: boolean): string {
  return valueText(value, 'customerAccess.internal');
}

/** The email's outcome in the vocabulary's words; a cause by its code, which the legend below the table words. */
function emailCell(row: MatrixRow, c: Colors): string {
  const text = matrixOutcomeText(row.inbound, (cause) => cause);
  const { verdict } = row.inbound;
  return verdict === 'accepted' ? c.green(text) : verdict === 'rejected' ? c.red(text) : c.yellow(text);
}

function table(rows: string[][], c: Colors): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => stripColor(r[col]).length)));
  return rows.map((r) =>
    r
      .map((cell, col) =>
        col === r.length - 1 ? cell : cell + ' '.repeat(widths[col] - stripColor(cell).length),
      )
      .join(c.dim(' │ '))
      .trimEnd(),
  );
}

export function formatMatrix(matrix: DecisionMatrix, target: string, fromFile: boolean, c: Colors): string {
  const out: string[] = [];
  out.push(`${c.bold(`Decision matrix for ${matrix.email}`)} → ${target}`);
  if (!fromFile) out.push(c.dim('(the embedded sample site; give --snapshot FILE for your own)'));
  out.push(
    `Every combination of Customer access (Internal, External and its domain list) and Approved domains ` +
      `(the ${matrix.domain} row, the Any domain row); other facts as in the snapshot.`,
  );
  out.push(`The row marked ${c.bold('▶')} is the site's current settings.`);
  out.push('');
  const header = [
    '',
    'Internal',
    'External',
    `${matrix.domain} row`,
    LABEL_ANY_DOMAIN,
    'Email from this address',
    'Invite sends',
  ];
  const rows: string[][] = [header.map((h) => c.bold(h))];
  for (const row of matrix.rows) {
    const cells = [
      row.current ? '▶' : '',
      onOff(row.internal),
      EXTERNAL_SETTING_LABEL[row.external] ?? row.external,
      DOMAIN_ROW_LABEL[row.domainRow] ?? row.domainRow,
      ROLE_LABEL[row.anyDomain] ?? row.anyDomain,
      emailCell(row, c),
      NOTIFICATION_SHORT[row.invite] ?? row.invite,
    ];
    rows.push(row.current ? cells.map((cell) => c.bold(cell)) : cells);
  }
  out.push(...table(rows, c));
  const shown = [...new Set(matrix.rows.map((row) => row.inbound.causes[0]).filter(Boolean))] as Cause[];
  if (shown.length > 0) {
    out.push('');
    for (const cause of shown) out.push(`${c.dim('·')} ${c.bold(cause)}: ${causeLabel(cause)}`);
  }
  if (!matrix.rows.some((row) => row.current)) {
    out.push('');
    out.push(
      c.yellow(
        'No row is marked: the snapshot lacks a setting the table varies, so the current row is unknown.',
      ),
    );
  }
  return out.join('\n') + '\n';
}
