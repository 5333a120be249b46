/** The email channel's header filters (domain.md §1.4), applied before any account logic. */
import type { Cause } from './result';
import { FILTERED_AS } from './vocabulary';

/**
 * Headers of one inbound message (names compare case-insensitively). A header the message holds
 * several times (Authentication-Results, one per receiving server) has its values joined by "\n",
 * the topmost (the last server's) first.
 */
export type MessageHeaders = Record<string, string>;

/** A filter's name as Atlassian's email log gives it (the cause table's, written once). */
const filterName = (cause: 'auto-reply' | 'bulk-mail' | 'delivery-status'): string =>
  FILTERED_AS[cause] ?? cause;

/** The causes the header filters decide. */
export type HeaderCause = Extract<
  Cause,
  'dmarc-failed' | 'mail-loop' | 'auto-reply' | 'bulk-mail' | 'delivery-status'
>;

export interface FilterHit {
  cause: HeaderCause;
  title: string;
  detail: string;
  /** The allowlist skips this filter (the auto-reply, bulk and delivery-status filters). */
  allowlistSkips: boolean;
}

/**
 * The DMARC result the message's headers show: the first `dmarc=` result of the topmost
 * Authentication-Results header that has one (the server closest to Jira), with that header's text.
 */
export function dmarcResult(headers: MessageHeaders): { result: string; header: string } | null {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authentication-results') continue;
    for (const header of String(value).split('\n')) {
      const match = /(?:^|[\s;])dmarc\s*=\s*([a-z]+)/i.exec(header);
      if (match) return { result: match[1].toLowerCase(), header: header.trim() };
    }
  }
  return null;
}

/** Every filter the headers trigger, whatever the allowlist says (the rules decide what it skips). */
export function headerFilters(headers: MessageHeaders): FilterHit[] {
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const hits: FilterHit[] = [];
  const dmarc = dmarcResult(headers);
  if (dmarc?.result === 'fail') {
    hits.push({
      cause: 'dmarc-failed',
      title: 'DMARC',
      detail: `The message failed DMARC authentication (Authentication-Results: ${dmarc.header}).`,
      allowlistSkips: false,
    });
  }
  if (h.has('x-jira-fingerprint')) {
    hits.push({
      cause: 'mail-loop',
      title: 'Mail loop',
      detail:
        "The message carries X-JIRA-FingerPrint: mail Jira sent itself is filtered (if the fingerprint is this site's).",
      allowlistSkips: false,
    });
  }
  const autoSubmitted = (h.get('auto-submitted') ?? '').toLowerCase();
  if (['auto-generated', 'auto-replied', 'auto-notified'].includes(autoSubmitted)) {
    hits.push({
      cause: 'auto-reply',
      title: filterName('auto-reply'),
      detail: `Auto-Submitted: ${autoSubmitted} is filtered as "${filterName('auto-reply')}".`,
      allowlistSkips: true,
    });
  }
  if ((h.get('precedence') ?? '').toLowerCase() === 'bulk') {
    hits.push({
      cause: 'bulk-mail',
      title: filterName('bulk-mail'),
      detail: `Precedence: bulk is filtered as "${filterName('bulk-mail')}".`,
      allowlistSkips: true,
    });
  }
  const contentType = (h.get('content-type') ?? '').toLowerCase();
  const returnPath = h.get('return-path');
  if (
    (contentType.includes('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType)) ||
    returnPath === '' ||
    returnPath === '<>'
  ) {
    hits.push({
      cause: 'delivery-status',
      title: filterName('delivery-status'),
      detail: `A delivery report (multipart/report; report-type=delivery-status, or an empty Return-Path) is filtered as "${filterName('delivery-status')}".`,
      allowlistSkips: true,
    });
  }
  return hits;
}
