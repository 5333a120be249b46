import type { z } from 'zod';
import { ReadError } from '../errors';
import type { Product } from '../http';

/** Checks an answer's shape; a surprising answer leaves the fact unknown, naming what was missing. */
export function expectShape<S extends z.ZodType>(
  read: string,
  product: Product,
  schema: S,
  json: unknown,
): z.infer<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? issue.path.map(String).join('.') : 'the answer';
  throw new ReadError(read, `${product} answered in an unexpected form (${where}: ${issue.message})`);
}

/** Lower-case address for comparisons ("addresses compare case-insensitively"). */
export function sameAddress(a: string | undefined, b: string): boolean {
  return !!a && a.trim().toLowerCase() === b.trim().toLowerCase();
}
