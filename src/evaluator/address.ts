/** Email addresses: one mailbox, parsed with email-addresses (RFC 5322/6532), domain in ASCII form. */
import emailAddresses from 'email-addresses';

export interface ParsedAddress {
  /** local@ascii-domain, lower case: the form every comparison uses. */
  email: string;
  local: string;
  /** The domain in lower-case ASCII (IDNA) form: bücher.example → xn--bcher-kva.example. */
  domain: string;
  /** The display name, if the input had one ("Jane Doe" <jane@acme.com>). */
  name: string | null;
}

export class AddressError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(
      `${JSON.stringify(input.length > 80 ? input.slice(0, 80) + '…' : input)} is not an email address: ${reason}`,
    );
    this.name = 'AddressError';
  }
}

const PLAIN = /^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * A domain in lower-case ASCII form, or null when it is not a valid host name.
 * Uses the platform's WHATWG URL host parser (IDNA/UTS #46), the same in Node and browsers.
 */
export function domainToAscii(domain: string): string | null {
  const trimmed = domain.trim().replace(/\.$/, '');
  if (!trimmed || /[\s/?#@:[\]\\]/.test(trimmed)) return null;
  if (/^[a-z0-9.-]+$/.test(trimmed)) return trimmed.includes('..') ? null : trimmed;
  try {
    const host = new URL(`http://${trimmed}`).hostname;
    return host && !host.includes('..') ? host : null;
  } catch {
    return null;
  }
}

/** Normalises a domain as typed in a setting (lower case, ASCII); unchanged when it is not a host name. */
export function normalizeDomain(domain: string): string {
  return domainToAscii(domain) ?? domain.trim().toLowerCase();
}

/** Normalises an address as stored in a setting (list entry, account key); no validation. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email.trim().toLowerCase();
  return `${email.slice(0, at).trim().toLowerCase()}@${normalizeDomain(email.slice(at + 1))}`;
}

/** Parses one mailbox; throws AddressError saying why the input is not one address. */
export function parseAddress(input: string): ParsedAddress {
  const trimmed = input.trim();
  if (!trimmed) throw new AddressError(input, 'it is empty');
  const lower = trimmed.toLowerCase();
  // Fast path for the common bare ASCII address; everything else goes through the RFC parser.
  if (PLAIN.test(lower) && !lower.includes('..') && !lower.startsWith('.')) {
    const at = lower.indexOf('@');
    if (!lower.slice(0, at).endsWith('.'))
      return withinLimits(input, {
        email: lower,
        local: lower.slice(0, at),
        domain: lower.slice(at + 1),
        name: null,
      });
  }
  if (!trimmed.includes('@')) throw new AddressError(input, 'it has no "@"');
  if (/[,;]/.test(trimmed.replace(/"(?:[^"\\]|\\.)*"/g, '""')))
    throw new AddressError(input, 'it looks like a list; give one address');
  if (trimmed.length > 998) throw new AddressError(input, 'it is longer than an email header line may be');
  const parsed = emailAddresses.parseAddressList({ input: trimmed, rfc6532: true });
  if (parsed === null) throw new AddressError(input, whyNotAnAddress(trimmed));
  if (parsed.length !== 1) throw new AddressError(input, `it holds ${parsed.length} addresses; give one`);
  const mailbox = parsed[0];
  if (mailbox.type !== 'mailbox') throw new AddressError(input, 'it is a group, not one mailbox');
  const domain = domainToAscii(mailbox.domain);
  if (!domain) throw new AddressError(input, `the domain "${mailbox.domain}" is not a valid domain name`);
  if (!domain.includes('.')) throw new AddressError(input, `the domain "${mailbox.domain}" has no dot`);
  const local = mailbox.local.toLowerCase();
  return withinLimits(input, { email: `${local}@${domain}`, local, domain, name: mailbox.name || null });
}

/** RFC 5321's limits: 64 characters before the "@", 253 after, 63 in each part of the domain. */
function withinLimits(input: string, address: ParsedAddress): ParsedAddress {
  if (address.local.length > 64)
    throw new AddressError(input, 'the part before the "@" is longer than 64 characters');
  if (address.domain.length > 253) throw new AddressError(input, 'the domain is longer than 253 characters');
  if (address.domain.split('.').some((label) => label.length > 63))
    throw new AddressError(input, 'a part of the domain is longer than 63 characters');
  return address;
}

function whyNotAnAddress(input: string): string {
  const at = (input.match(/@/g) ?? []).length;
  if (at === 0) return 'it has no "@"';
  if (/[,;]/.test(input)) return 'it looks like a list; give one address';
  if (/\s/.test(input.replace(/^"[^"]*"\s*/, '').replace(/^[^<]*</, ''))) return 'it contains a space';
  if (input.startsWith('@')) return 'nothing stands before the "@"';
  if (input.endsWith('@')) return 'no domain follows the "@"';
  return 'it does not follow the form name@domain';
}
