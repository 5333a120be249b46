/**
 * The only place that talks to Atlassian: Jira through @forge/api (as the calling user), the
 * organization Admin API through @forge/api's fetch (egress to api.atlassian.com, with the org API key).
 * Every call runs under the invocation's time budget: a per-call timeout, 429 answered with Retry-After
 * while the budget allows, and every failure turned into a ReadError that names the read.
 */
import api, { NeedsAuthenticationError, type APIResponse, type Route } from '@forge/api';
import { ReadError } from './errors';

export const ADMIN_API_BASE = 'https://api.atlassian.com';

/** Tunable for tests and the benchmark; production uses the defaults. */
export const httpSettings = {
  /** One call may take this long (headers and body). */
  timeoutMs: 8_000,
  /** Forge gives a resolver 25 s; keep a margin to assemble and answer. */
  budgetMs: 22_000,
  /** Attempts per call when Jira answers 429. */
  maxAttempts: 3,
  /** Wait before retrying a 429 that names no Retry-After. */
  defaultRetryMs: 1_000,
};

export type Product = 'Jira' | 'the Admin API';

/** Counts and times the calls of one invocation. */
export class Http {
  readonly deadline: number;
  calls = 0;

  constructor(budgetMs: number = httpSettings.budgetMs) {
    this.deadline = Date.now() + budgetMs;
  }

  remainingMs(): number {
    return this.deadline - Date.now();
  }

  /** GET (or other method) on Jira as the calling user; answers the parsed JSON. */
  jira(read: string, path: Route, init: { method?: string; headers?: Record<string, string> } = {}) {
    return this.request(read, 'Jira', (signal) =>
      api.asUser().requestJira(path, {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', ...init.headers },
        signal,
      }),
    );
  }

  /** A call to the organization Admin API with the org API key (never logged, never answered). */
  admin(read: string, path: string, apiKey: string, init: { method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${apiKey}` };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return this.request(
      read,
      'the Admin API',
      (signal) =>
        api.fetch(`${ADMIN_API_BASE}${path}`, {
          method: init.method ?? 'GET',
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal,
        }),
      [apiKey],
    );
  }

  private async request(
    read: string,
    product: Product,
    send: (signal: AbortSignal) => Promise<APIResponse>,
    secrets: string[] = [],
  ): Promise<unknown> {
    // The one place a failed call becomes a message: whatever Atlassian sent back, no secret stays in it.
    const fail = (reason: string, status?: number) =>
      new ReadError(read, scrubSecrets(reason, secrets), status);
    for (let attempt = 1; ; attempt++) {
      const remaining = this.remainingMs();
      if (remaining <= 0) throw fail('the time this request may take ran out');
      const timeoutMs = Math.min(httpSettings.timeoutMs, remaining);
      this.calls++;
      const outcome = await withTimeout(timeoutMs, async (signal) => {
        const response = await send(signal);
        return { response, text: await response.text() };
      }).catch((error: unknown) => {
        if (error instanceof NeedsAuthenticationError) throw error;
        if (error instanceof TimeoutError) {
          throw fail(`${product} did not answer within ${formatSeconds(timeoutMs)}`);
        }
        throw fail(`${product} could not be reached (${describeError(error)})`);
      });
      const { response, text } = outcome;
      if (response.status === 429) {
        const waitMs =
          retryAfterMs(response.headers.get('retry-after')) ?? httpSettings.defaultRetryMs * attempt;
        if (attempt < httpSettings.maxAttempts && waitMs + 500 < this.remainingMs()) {
          await sleep(waitMs);
          continue;
        }
        const times = `${attempt} time${attempt === 1 ? '' : 's'}`;
        throw fail(
          attempt >= httpSettings.maxAttempts
            ? `${product} answered 429 Too Many Requests ${times}; gave up`
            : `${product} answered 429 Too Many Requests ${times} and asked to wait ${formatSeconds(waitMs)}, more than the time left`,
          429,
        );
      }
      if (!response.ok) {
        const detail = errorDetail(text);
        throw fail(
          `${product} answered ${response.status} ${response.statusText || statusName(response.status)}`.trim() +
            (detail ? ` (${detail})` : ''),
          response.status,
        );
      }
      if (!text.trim()) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw fail(`${product} answered with malformed JSON`);
      }
    }
  }
}

class TimeoutError extends Error {}

/** `text` with every secret (as sent, JSON-escaped or URL-encoded) and any bearer token replaced. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      out = out.split(form).join('[the organization API key]');
    }
  }
  return out.replace(/\bBearer\s+[^\s"',;)]+/gi, 'Bearer [a token]');
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError());
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusName(status: number): string {
  return STATUS_NAMES[status] ?? '';
}

/** A JSON value's own property, whatever the value is (undefined when it has none). */
function prop(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (Object.getOwnPropertyDescriptor(value, key)?.value as unknown)
    : undefined;
}

/** The first message of an Atlassian error body ({ errorMessages } or { message } or { errors }), shortened. */
function errorDetail(text: string): string {
  let message = '';
  try {
    const body: unknown = JSON.parse(text);
    const messages = prop(body, 'errorMessages');
    const errors = prop(body, 'errors');
    if (Array.isArray(messages) && typeof messages[0] === 'string') message = messages[0];
    else if (typeof prop(body, 'message') === 'string') message = String(prop(body, 'message'));
    else if (typeof prop(body, 'errorMessage') === 'string') message = String(prop(body, 'errorMessage'));
    else if (Array.isArray(errors) && errors[0] && typeof errors[0] === 'object') {
      message = String(prop(errors[0], 'title') ?? prop(errors[0], 'detail') ?? '');
    }
  } catch {
    message = '';
  }
  message = message.replace(/\s+/g, ' ').trim();
  return message.length > 160 ? `${message.slice(0, 160)}…` : message;
}

/** Runs fn over items with at most `limit` running at once; keeps the order of items. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
