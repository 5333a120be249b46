/**
 * A list of addresses as people bring it: one per line, or a CSV with a header row that has an
 * "email" column (such as an export of the email log). Every row stands alone: a row that cannot be
 * read (an unterminated quote, an empty email cell) becomes an error for that row, with its line
 * number, and the rows after it are read as usual.
 */

/** One row of the list: the address text to check, or (error) why the row holds none. */
export interface AddressRow {
  input: string;
  /** Its line number in the text, from 1 (a row with line breaks: its first line). */
  line: number;
  error?: string;
}

const EMAIL_COLUMN = /^(e-?mail|e-?mail address|sender|from|customer email)$/i;

/** Only spaces and tabs are trimmed: any other character is the address's, and the check judges it. */
const trim = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

/** A field of a one-column list, without the quotes a CSV writer may have put around it. */
function unquote(s: string): string {
  const t = trim(s);
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

type CsvRecord = { fields: string[]; next: number } | { error: string; next: number };

/**
 * One CSV record (RFC 4180) starting at lines[start]: a quoted field may hold the delimiter, doubled
 * quotes and line breaks; a quote inside an unquoted field is taken as it is. A quote that is never
 * closed makes this line an error, and reading goes on at the next line.
 */
function readRecord(lines: string[], start: number, delimiter: string, columns: number): CsvRecord {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  let row = start;
  let text = lines[row];
  for (let i = 0; ; i++) {
    if (i >= text.length) {
      if (!quoted) break;
      // A quoted field goes on on the next line.
      row++;
      if (row >= lines.length) {
        return {
          error: 'a quote (") in this row is never closed, so the row cannot be read',
          next: start + 1,
        };
      }
      field += '\n';
      text = lines[row];
      i = -1;
      continue;
    }
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        // A closing quote ends its field: only spaces may stand before the delimiter.
        const rest = text.slice(i + 1);
        const end = rest.indexOf(delimiter);
        if (trim(end < 0 ? rest : rest.slice(0, end)) !== '') {
          return {
            error:
              row > start
                ? 'a quote (") in this row is never closed where the row ends, so the row cannot be read'
                : 'text follows a closing quote (") in this row, so the row cannot be read',
            next: start + 1,
          };
        }
      }
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      continue;
    } else if (ch === '"' && atFieldStart && trim(field) === '') {
      quoted = true;
      field = '';
    } else field += ch;
    atFieldStart = false;
  }
  fields.push(field);
  // A record that ran over several lines but does not fit the header is a stray quote, not a field
  // with line breaks: this line is the error, and the next lines are read on their own.
  if (row > start && columns > 1 && fields.length !== columns) {
    return { error: 'a quote (") in this row is not closed where the row ends', next: start + 1 };
  }
  return { fields, next: row + 1 };
}

/** The rows of an address list, in input order; blank lines are skipped. Line numbers count from 1. */
export function readAddressRows(text: string): AddressRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: AddressRow[] = [];
  const firstLine = lines[0] ?? '';
  const plain = (from: number, strip: (s: string) => string) => {
    for (let i = from; i < lines.length; i++) {
      const value = strip(lines[i]);
      if (value !== '') rows.push({ input: value, line: i + 1 });
    }
    return rows;
  };
  // A one-column list with a header row: every line is one address (quotes around it removed).
  if (EMAIL_COLUMN.test(unquote(firstLine))) return plain(1, unquote);
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d));
  if (delimiter) {
    const header = readRecord(lines, 0, delimiter, 0);
    const names = 'fields' in header ? header.fields.map(unquote) : [];
    const column = names.findIndex((h) => EMAIL_COLUMN.test(h));
    if (column >= 0) {
      const first = 'fields' in header ? header.next : 1;
      for (let i = first; i < lines.length;) {
        const raw = lines[i];
        if (trim(raw) === '') {
          i++;
          continue;
        }
        const record = readRecord(lines, i, delimiter, names.length);
        if ('error' in record) rows.push({ input: trim(raw), line: i + 1, error: record.error });
        else {
          const cell = trim(record.fields[column] ?? '');
          if (cell === '')
            rows.push({ input: trim(raw), line: i + 1, error: `the "${names[column]}" cell is empty` });
          else rows.push({ input: cell, line: i + 1 });
        }
        i = record.next;
      }
      return rows;
    }
  }
  return plain(0, trim);
}
