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
import type { Answer, ResolverKey, ResolverKeys } from './keys';
import { parsePayload, type Payload, type PayloadKey } from './schemas';
import { Service } from './service';

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
  refresh: (s) => s.refresh(),
};

/** Answers one key; exported for tests that skip the Forge envelope. */
export async function answer<K extends ResolverKey>(
  key: K,
  payload: unknown,
  context: unknown,
): Promise<Answer<ResolverKeys[K]['data']>> {
  try {
    const http = new Http();
    const caller = await authorize(http, context);
    const valid = parsePayload(key, payload);
    const data = await (routes[key] as Run<K>)(new Service(http, caller), valid as Payload<K>);
    return { ok: true, data };
  } catch (error) {
    // Forge shows its consent screen when the user has not yet allowed the app to act for them.
    if (error instanceof NeedsAuthenticationError) throw error;
    if (error instanceof AppError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      };
    }
    if (error instanceof Error && error.name.startsWith('ForgeKvs')) {
      return {
        ok: false,
        error: {
          code: 'upstream',
          message: `The app's storage (Forge) failed while answering ${key}; try again.`,
        },
      };
    }
    console.error(`[${key}] unexpected ${error instanceof Error ? error.name : typeof error}`);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The app failed while answering ${key}; try again, and report it if it persists.`,
      },
    };
  }
}

const resolver = new Resolver();
for (const key of Object.keys(routes) as ResolverKey[]) {
  resolver.define(key, ({ payload, context }) => answer(key, payload, context));
}

export const handler = resolver.getDefinitions();
