/** Message headers pasted by an admin ("Name: value" lines, folded lines allowed), for the email filters. */
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
