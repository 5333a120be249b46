/** Email addresses: one mailbox, parsed with email-addresses (RFC 5322/6532), domain in ASCII form. */
import emailAddresses from 'email-addresses';
import { ASCII_NAMES, NAMES } from './unicode-names';

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
      `${showInput(input.length > 80 ? input.slice(0, 80) + '…' : input)} is not an email address: ${reason}`,
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

/**
 * Normalised domains, kept: a site's lists are indexed again each time a fix is tried on a changed
 * copy of them. Forgotten whole when large (it is only a shortcut).
 */
const normalized = new Map<string, string>();

/** Normalises a domain as typed in a setting (lower case, ASCII); unchanged when it is not a host name. */
export function normalizeDomain(domain: string): string {
  let out = normalized.get(domain);
  if (out === undefined) {
    out = domainToAscii(domain) ?? domain.trim().toLowerCase();
    if (normalized.size >= 100_000) normalized.clear();
    normalized.set(domain, out);
  }
  return out;
}

/** Normalises an address as stored in a setting (list entry, account key); no validation. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email.trim().toLowerCase();
  return `${email.slice(0, at).trim().toLowerCase()}@${normalizeDomain(email.slice(at + 1))}`;
}

/**
 * Characters an address may not hold unseen: format characters (Unicode category Cf: zero-width
 * space and joiners, soft hyphen, word joiner, byte order mark, bidirectional marks, embeddings and
 * isolates, tags), other invisible ones (combining grapheme joiner, variation selectors, Hangul and
 * Mongolian fillers), the ideographic space and the full-width forms. IDNA and NFKC would quietly
 * drop or map them, so that `bo@initech.com` + U+200B would be answered as `bo@initech.com`; the
 * person typed something else, and is told so instead.
 */
/* eslint-disable no-misleading-character-class -- lone combining code points, each refused on its own */
const HIDDEN =
  /[\p{Cf}\u034F\u115F\u1160\u180B-\u180F\u3000\u3164\uFE00-\uFE0F\uFF01-\uFF5E\uFFA0\uFFE0-\uFFE6\u{E0100}-\u{E01EF}]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');
/* eslint-enable no-misleading-character-class */
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

/** The Unicode name of a character: `U+200B ZERO WIDTH SPACE`. */
export function characterName(char: string): string {
  const cp = char.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const ascii = (offset: number) => ASCII_NAMES[offset];
  let name = NAMES[cp];
  if (!name && cp >= 0xff01 && cp <= 0xff5e) name = `FULLWIDTH ${ascii(cp - 0xff01)}`;
  if (!name && cp >= 0xe0021 && cp <= 0xe007e) name = `TAG ${ascii(cp - 0xe0021)}`;
  if (!name && cp === 0xe0020) name = 'TAG SPACE';
  if (!name && cp === 0xe0001) name = 'LANGUAGE TAG';
  if (!name && cp === 0xe007f) name = 'CANCEL TAG';
  if (!name && cp >= 0xfe00 && cp <= 0xfe0f) name = `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  if (!name && cp >= 0xe0100 && cp <= 0xe01ef) name = `VARIATION SELECTOR-${cp - 0xe0100 + 17}`;
  return name ? `${code} ${name}` : `${code} (an invisible formatting character)`;
}

/**
 * The first hidden or full-width character of an address and where it stands, in the words of
 * contract.md §2: `U+200B ZERO WIDTH SPACE after "initech.com"`. Null when there is none.
 */
export function hiddenCharacter(input: string): string | null {
  if (!NON_ASCII.test(input)) return null;
  // In `Name <address>`, only the address counts: a display name may hold a joiner (emoji, scripts).
  const angle = /<[^<>]*>\s*$/.exec(input);
  const from = angle ? angle.index : 0;
  const match = HIDDEN.exec(from ? input.slice(from) : input);
  if (!match) return null;
  const at = from + match.index;
  const char = [...input.slice(at)][0];
  // The place is told within the part it stands in: the text since the last "@", "<", space or start.
  const clean = (s: string) => s.replace(HIDDEN_ALL, '');
  const before =
    clean(input.slice(0, at))
      .split(/[@<>\s"]/)
      .pop() ?? '';
  const after = clean(input.slice(at + char.length)).split(/[@<>\s"]/)[0] ?? '';
  const name = characterName(char);
  if (before) return `${name} after "${before}"`;
  if (after) return `${name} before "${after}"`;
  const rest = clean(input).trim();
  return rest ? `${name} ${at === 0 ? 'before' : 'after'} "${rest}"` : name;
}

/** The input as JSON, with hidden characters written as \\u escapes so that they can be seen. */
function showInput(input: string): string {
  return JSON.stringify(input).replace(HIDDEN_ALL, (c) =>
    c
      .split('')
      .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join(''),
  );
}

/** Parses one mailbox; throws AddressError saying why the input is not one address. */
export function parseAddress(input: string): ParsedAddress {
  const hidden = hiddenCharacter(input);
  if (hidden) {
    const kind = /^U\+(FF[0-5]|FFE[0-6]|3000)/.test(hidden) ? 'a full-width form' : 'an invisible character';
    throw new AddressError(input, `it contains ${hidden} (${kind}); type the address again without it`);
  }
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
  if (address.domain.length > 63 && address.domain.split('.').some((label) => label.length > 63))
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
