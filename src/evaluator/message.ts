/**
 * One raw email (RFC 5322, as the email log's "Download raw email message" gives it): its sender
 * and the headers the email channel's filters read (domain.md §1.4). Parsed with postal-mime, which
 * runs in browsers and in Node alike, so that the pages can take a pasted message too.
 */
import PostalMime, { addressParser } from 'postal-mime';
import type { MessageHeaders } from './headers';

export interface RawMessage {
  /** The From address as the message gives it (checked by parseAddress, not here). */
  from: string;
  /** The display name of From, if any. */
  fromName: string | null;
  /** Every header, by name as the message spells it; repeated ones joined by "\n", topmost first. */
  headers: MessageHeaders;
}

/** A message that holds no usable sender: says why, in the user's words. */
export class MessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Reads one raw message; throws MessageError when it has no single From address. */
export async function readMessage(raw: string | Uint8Array): Promise<RawMessage> {
  const size = typeof raw === 'string' ? raw.length : raw.byteLength;
  if (size === 0) throw new MessageError('the message is empty');
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw);
  } catch (error) {
    throw new MessageError(`the message cannot be read as an email: ${(error as Error).message}`);
  }
  const froms = email.headers.filter((h) => h.key === 'from');
  if (froms.length === 0)
    throw new MessageError('the message has no From header (is it a raw email, headers included?)');
  if (froms.length > 1) throw new MessageError('the message has several From headers; give one sender');
  // The address is taken from the header's own text, not from the parser's cleaned copy: an
  // invisible character in it must reach parseAddress, which names it.
  const value = froms[0].value.replace(/^[ \t]+|[ \t]+$/g, '');
  const parsed = addressParser(value);
  const first = parsed[0];
  if (!first || (!first.address && !first.group))
    throw new MessageError(`its From header holds no address (${JSON.stringify(value)})`);
  if (parsed.length > 1 || (first.group && first.group.length !== 1))
    throw new MessageError(
      `its From header holds several addresses (${JSON.stringify(value)}); give one sender`,
    );
  const mailbox = first.group ? first.group[0] : first;
  const angle = /<([^<>]*)>\s*;?\s*$/.exec(value);
  return {
    from: angle ? angle[1] : first.group ? mailbox.address : value,
    fromName: mailbox.name || null,
    headers: headersOf(email.headers),
  };
}

function headersOf(list: { key: string; originalKey: string; value: string }[]): MessageHeaders {
  const headers: MessageHeaders = {};
  const names = new Map<string, string>();
  for (const h of list) {
    const name = names.get(h.key);
    if (name === undefined) {
      names.set(h.key, h.originalKey);
      headers[h.originalKey] = h.value;
    } else if (h.key === 'authentication-results') {
      // One per receiving server; the topmost (closest to Jira) first.
      headers[name] += `\n${h.value}`;
    }
    // Any other header met again: the topmost is the one the last server left.
  }
  return headers;
}
