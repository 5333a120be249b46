/** Message headers pasted by an admin ("Name: value" lines, folded lines allowed), or a raw email, for the email filters. */
import { readMessage } from '../evaluator/message';

export interface ParsedHeaders {
  headers: Record<string, string>;
  /** Lines that are not a header, as typed. */
  bad: string[];
}

const NAME = /^[!-9;-~]+$/; // RFC 5322 field name: printable ASCII except ":"

export function parseHeaders(text: string): ParsedHeaders {
  const headers: Record<string, string> = {};
  const bad: string[] = [];
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      headers[last] = `${headers[last]} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !NAME.test(name)) {
      bad.push(line.trim());
      last = null;
      continue;
    }
    // The first occurrence wins, as a mail client shows it (Received: repeats; the filters do not read it).
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
    last = name;
  }
  return { headers, bad };
}

/**
 * The headers the email channel's filters read (src/evaluator/headers.ts, domain.md §1.4); a raw
 * email's other headers (Received, DKIM-Signature…) are not sent to the resolver.
 */
const FILTER_HEADERS = [
  'authentication-results',
  'x-jira-fingerprint',
  'auto-submitted',
  'precedence',
  'content-type',
  'return-path',
];

/** A header value the resolver takes (at most 2000 characters). */
const MAX_VALUE = 2000;

function forFilters(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => FILTER_HEADERS.includes(name.toLowerCase()))
      .map(([name, value]) => [name, value.slice(0, MAX_VALUE)]),
  );
}

export interface Pasted {
  /** The From address of a pasted email or header block (unchecked), when it has one. */
  from?: string;
  /** The headers the filters read. */
  headers: Record<string, string>;
  /** Why the text is neither an email nor header lines, in words. */
  error?: string;
}

/**
 * What an admin pasted: a raw email (as the email log's download gives it) or its headers, read with
 * postal-mime (src/evaluator/message.ts) when it has a From line; else "Name: value" header lines.
 */
export async function readPasted(text: string): Promise<Pasted> {
  if (!text.trim()) return { headers: {} };
  if (/^from[ \t]*:/im.test(text)) {
    try {
      const message = await readMessage(text.replace(/^\s+/, ''));
      return { from: message.from, headers: forFilters(message.headers) };
    } catch (error) {
      return { headers: {}, error: (error as Error).message };
    }
  }
  const { headers, bad } = parseHeaders(text);
  if (bad.length)
    return {
      headers: {},
      error: `not a header line (a header looks like "Precedence: bulk"): ${bad.slice(0, 3).join(' / ')}`,
    };
  return { headers: forFilters(headers) };
}
