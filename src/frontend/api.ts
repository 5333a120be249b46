/** The one door to the resolver: typed keys, and every failure turned into an Answer. */
import { invoke } from '@forge/bridge';
import type { Answer, ResolverKey, ResolverKeys } from '../backend/keys';

export type Payload<K extends ResolverKey> = ResolverKeys[K]['payload'];
export type Data<K extends ResolverKey> = ResolverKeys[K]['data'];
export type Failure = Extract<Answer<unknown>, { ok: false }>['error'];

function isAnswer(value: unknown): value is Answer<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && !!v.error && typeof v.error === 'object';
}

/** Invokes a resolver key; never throws. */
export async function call<K extends ResolverKey>(key: K, payload: Payload<K>): Promise<Answer<Data<K>>> {
  try {
    const answer = await invoke<unknown>(key, payload as Record<string, unknown>);
    if (isAnswer(answer)) return answer as Answer<Data<K>>;
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The app's server gave an answer the page does not understand (${key}).`,
      },
    };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The page could not reach the app's server (${key}): ${(error as Error)?.message ?? String(error)}`,
      },
    };
  }
}
