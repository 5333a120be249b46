/** The email channel's header filters (domain.md §1.4), applied before any account logic. */
import type { Cause } from './result';

/** Headers of one inbound message (names compare case-insensitively). */
export type MessageHeaders = Record<string, string>;

export interface FilterHit {
  cause: Cause;
  title: string;
  detail: string;
}

export function headerFilters(headers: MessageHeaders, allowlisted: boolean): FilterHit[] {
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const hits: FilterHit[] = [];
  const dmarc = h.get('authentication-results') ?? '';
  if (/\bdmarc\s*=\s*fail\b/i.test(dmarc)) {
    hits.push({
      cause: 'dmarc-failed',
      title: 'DMARC',
      detail: 'The message failed DMARC authentication; the allowlist does not skip this.',
    });
  }
  if (h.has('x-jira-fingerprint')) {
    hits.push({
      cause: 'mail-loop',
      title: 'Mail loop',
      detail:
        "The message carries X-JIRA-FingerPrint: mail Jira sent itself is filtered (if the fingerprint is this site's).",
    });
  }
  if (allowlisted) return hits;
  const autoSubmitted = (h.get('auto-submitted') ?? '').toLowerCase();
  if (['auto-generated', 'auto-replied', 'auto-notified'].includes(autoSubmitted)) {
    hits.push({
      cause: 'auto-reply',
      title: 'Auto-reply mail',
      detail: `Auto-Submitted: ${autoSubmitted} is filtered as "Auto-reply mail".`,
    });
  }
  if ((h.get('precedence') ?? '').toLowerCase() === 'bulk') {
    hits.push({
      cause: 'bulk-mail',
      title: 'Bulk mail',
      detail: 'Precedence: bulk is filtered as "Bulk mail".',
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
      title: 'Automated delivery status message',
      detail:
        'A delivery report (multipart/report; report-type=delivery-status, or an empty Return-Path) is filtered as "Automated delivery status message".',
    });
  }
  return hits;
}
