/**
 * Terminal colour, only when it helps: stdout is a terminal and NO_COLOR (https://no-color.org) is
 * unset or empty. Anything piped or redirected gets plain text.
 */

export interface Colors {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

function wrap(open: number, close: number, enabled: boolean): (text: string) => string {
  if (!enabled) return (text) => text;
  return (text) => (text ? `\u001b[${open}m${text}\u001b[${close}m` : text);
}

export function makeColors(enabled: boolean): Colors {
  return {
    enabled,
    bold: wrap(1, 22, enabled),
    dim: wrap(2, 22, enabled),
    red: wrap(31, 39, enabled),
    green: wrap(32, 39, enabled),
    yellow: wrap(33, 39, enabled),
    cyan: wrap(36, 39, enabled),
  };
}

/** Whether to colour a stream: a terminal, and NO_COLOR unset or empty. */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** Removes colour codes (for measuring the printed width of a cell). */
export function stripColor(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[\d+m/g, '');
}
