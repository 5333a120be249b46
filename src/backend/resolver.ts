/**
 * The resolver: one Forge function serving both pages. Every key checks the caller first (nothing is
 * read or written for a caller without the permission), then validates the payload, then answers
 * `{ ok: true, data } | { ok: false, error: { code, message, field? } }`.
 */
import { NeedsAuthenticationError } from '@forge/api';
import Resolver from '@forge/resolver';
import { authorize } from './auth';
import { AppError } from './errors';
import { Http } from './http';
import type { Answer, ErrorCode, ResolverKey, ResolverKeys } from './keys';
import { fieldLabel, parsePayload, type Payload, type PayloadKey } from './schemas';
import { scrubbed, Service, visibleTo } from './service';

type Run<K extends ResolverKey & PayloadKey> = (
  service: Service,
  payload: Payload<K>,
) => Promise<ResolverKeys[K]['data']>;

const routes: { [K in ResolverKey]: Run<K> } = {
  getAppState: (s) => s.appState(),
  getSnapshot: (s, p) => s.getSnapshot(p),
  diagnose: (s, p) => s.diagnose(p),
  diagnoseBulk: (s, p) => s.diagnoseBulk(p),
  saveSettings: (s, p) => s.saveSettings(p),
  confirmSettings: (s, p) => s.confirmSettings(p),
  setApiKey: (s, p) => s.setApiKey(p),
  clearApiKey: (s) => s.clearApiKey(),
  saveRoleMeaning: (s, p) => s.saveRoleMeaning(p),
  refresh: (s) => s.refresh(),
};

/** Answers one key; exported for tests that skip the Forge envelope. */
export async function answer<K extends ResolverKey>(
  key: K,
  payload: unknown,
  context: unknown,
): Promise<Answer<ResolverKeys[K]['data']>> {
  let service: Service | undefined;
  let caller: Awaited<ReturnType<typeof authorize>> | undefined;
  const failed = (error: { code: ErrorCode; message: string; field?: string }) =>
    ({
      ok: false,
      error: caller && service ? scrubbed(caller, error, service.secrets) : error,
    }) as const;
  try {
    const http = new Http();
    caller = await authorize(http, context);
    const valid = parsePayload(key, payload);
    service = new Service(http, caller);
    const data = await routes[key](service, valid);
    return { ok: true, data: visibleTo(caller, key, data, service.secrets) };
  } catch (error) {
    // Forge shows its consent screen when the user has not yet allowed the app to act for them.
    if (error instanceof NeedsAuthenticationError) throw error;
    if (error instanceof AppError) {
      return failed({
        code: error.code,
        message: labelled(error.message, error.field),
        ...(error.field ? { field: error.field } : {}),
      });
    }
    if (error instanceof Error && error.name.startsWith('ForgeKvs')) {
      return failed({
        code: 'upstream',
        message: `The app's storage (Forge) failed, so it could not ${ACTION[key]}; nothing is lost by trying again.`,
      });
    }
    console.error(`[${key}] unexpected ${error instanceof Error ? error.name : typeof error}`);
    return failed({
      code: 'internal',
      message: `The app failed while trying to ${ACTION[key]}; try again, and report it if it persists.`,
    });
  }
}

/** What each key does, in the words of the page (messages never name a key). */
const ACTION: Record<ResolverKey, string> = {
  getAppState: "read your site's settings",
  getSnapshot: "read your site's settings",
  diagnose: 'check this sender',
  diagnoseBulk: 'check these addresses',
  saveSettings: 'save the settings',
  confirmSettings: 'confirm the settings',
  setApiKey: 'save the API key',
  clearApiKey: 'remove the API key',
  saveRoleMeaning: 'save what the role means',
  refresh: 'read the site again',
};

/** "email: not an address" → "Sender's email address: not an address": the field as the page labels it. */
function labelled(message: string, field: string | undefined): string {
  if (!field || !message.startsWith(`${field}: `)) return message;
  return `${fieldLabel(field)}: ${message.slice(field.length + 2)}`;
}

const resolver = new Resolver();
// Sound: `routes` is a literal with exactly the ResolverKey keys (its type maps over them).
for (const key of Object.keys(routes) as ResolverKey[]) {
  resolver.define(key, ({ payload, context }) => answer(key, payload, context));
}

export const handler = resolver.getDefinitions();
