/** `access-doctor matrix`: Atlassian's "Invite notification types" table, generalised, for one address. */
import type { DecisionMatrix, ExternalSetting, MatrixRow } from '../evaluator';
import { stripColor, type Colors } from './color';
import { NOTIFICATION_SHORT } from './labels';

const EXTERNAL_TEXT: Record<ExternalSetting, string> = {
  off: 'off',
  'on-any-domain': 'on, any domain',
  'on-domain-listed': 'on, domain listed',
  'on-domain-not-listed': 'on, domain not listed',
};

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

function emailCell(row: MatrixRow, c: Colors): string {
  const { verdict, account, causes } = row.inbound;
  if (verdict === 'accepted') {
    const how =
      account === 'portal-only-account'
        ? 'portal-only'
        : account === 'atlassian-account'
          ? 'Atlassian'
          : account;
    return `${c.green('accepted')}${how ? ` (${how})` : ''}`;
  }
  const word = verdict === 'rejected' ? c.red(verdict) : c.yellow(verdict);
  return causes.length > 0 ? `${word}: ${causes.join(', ')}` : word;
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
    'Any domain',
    'Email from this address',
    'Invite sends',
  ];
  const rows: string[][] = [header.map((h) => c.bold(h))];
  for (const row of matrix.rows) {
    const cells = [
      row.current ? '▶' : '',
      onOff(row.internal),
      EXTERNAL_TEXT[row.external] ?? row.external,
      row.domainRow,
      row.anyDomain,
      emailCell(row, c),
      NOTIFICATION_SHORT[row.invite] ?? row.invite,
    ];
    rows.push(row.current ? cells.map((cell) => c.bold(cell)) : cells);
  }
  out.push(...table(rows, c));
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
