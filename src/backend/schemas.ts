/** Payload validation for every resolver key: size limits, and errors that name the field. */
import { z } from 'zod';
import { BULK_BATCH_LINES, domainToAscii, normalizeDomain, normalizeEmail } from '../evaluator';
import { AppError } from './errors';

export const LIMITS = {
  emailChars: 320,
  bulkChars: 200_000,
  bulkLines: BULK_BATCH_LINES,
  listEntries: 500,
  domainChars: 253,
  payloadChars: 300_000,
};

const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
export const projectKey = z.string().regex(PROJECT_KEY, 'expected a Jira project key such as "HELP"');

const domain = z
  .string()
  .trim()
  .min(1, 'a domain cannot be empty')
  .max(LIMITS.domainChars, `a domain has at most ${LIMITS.domainChars} characters`)
  .refine(
    (d) => !d.includes('@') && domainToAscii(d)?.includes('.') === true,
    'expected a domain such as "acme.com"',
  )
  .transform(normalizeDomain);

const domainOrAddress = z
  .string()
  .trim()
  .min(1, 'an entry cannot be empty')
  .max(LIMITS.emailChars, `an entry has at most ${LIMITS.emailChars} characters`)
  .refine((v) => {
    const at = v.lastIndexOf('@');
    const host = at >= 0 ? v.slice(at + 1) : v;
    return at !== 0 && domainToAscii(host)?.includes('.') === true;
  }, 'expected a domain such as "spam.example" or an address such as "x@y.example"')
  .transform((v) => (v.includes('@') ? normalizeEmail(v) : normalizeDomain(v)));

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(LIMITS.listEntries, `at most ${LIMITS.listEntries} entries`);

const role = z.enum(['customer', 'user', 'none']);

export const customerAccess = z
  .object({
    internal: z.boolean().optional(),
    external: z.boolean().optional(),
    externalDomains: z.union([z.literal('any'), list(domain)]).optional(),
    accountCreation: z.enum(['allowed', 'not-allowed']).optional(),
  })
  .strict();

export const approvedDomains = z
  .object({
    domains: z
      .record(domain, role)
      .refine((r) => Object.keys(r).length <= LIMITS.listEntries, `at most ${LIMITS.listEntries} domains`)
      .optional(),
    anyDomain: role.optional(),
  })
  .strict();

export const emailChannel = z
  .object({
    allowlist: list(domain).optional(),
    blocklist: list(domainOrAddress).optional(),
    mailbox: z.enum(['atlassian', 'custom']).optional(),
  })
  .strict();

const empty = z.object({}).strict();

/** The time of the entry the page showed when the admin opened the form (null: nothing was entered). */
const expectedAt = z.union([z.string().max(40), z.null()]).optional();

/** Any character below U+0020 (NUL, tab, new line…) or DEL: never part of a key, often a paste gone wrong. */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

export const payloads = {
  getAppState: empty,
  refresh: empty,
  clearApiKey: empty,
  getSnapshot: z.object({ projectKey: projectKey.optional() }).strict(),
  diagnose: z
    .object({
      email: z.string().max(LIMITS.emailChars, `an address has at most ${LIMITS.emailChars} characters`),
      projectKey: projectKey.optional(),
      headers: z
        .record(
          z.string().min(1).max(100, 'a header name has at most 100 characters'),
          z.string().max(2000, 'a header value has at most 2000 characters'),
        )
        .refine((h) => Object.keys(h).length <= 50, 'at most 50 headers')
        .optional(),
    })
    .strict(),
  diagnoseBulk: z
    .object({
      text: z.string().max(LIMITS.bulkChars, `at most ${LIMITS.bulkChars} characters`),
      projectKey: projectKey.optional(),
    })
    .strict(),
  saveSettings: z.discriminatedUnion('section', [
    z.object({ section: z.literal('customerAccess'), value: customerAccess, expectedAt }).strict(),
    z.object({ section: z.literal('approvedDomains'), value: approvedDomains, expectedAt }).strict(),
    z.object({ section: z.literal('emailChannel'), value: emailChannel, expectedAt }).strict(),
    z
      .object({
        section: z.literal('project'),
        projectKey,
        value: z
          .object({
            access: z.enum(['open', 'restricted']).optional(),
            customerInvitedNotification: z.boolean().optional(),
          })
          .strict(),
        expectedAt,
      })
      .strict(),
  ]),
  saveRoleMeaning: z
    .object({
      rawId: z
        .string()
        .trim()
        .min(1, 'cannot be empty')
        .max(500, 'has at most 500 characters')
        .refine((v) => !CONTROL.test(v), 'cannot contain control characters'),
      role,
    })
    .strict(),
  confirmSettings: z
    .object({
      section: z
        .string()
        .regex(
          /^(customerAccess|approvedDomains|emailChannel|projects\.[A-Za-z][A-Za-z0-9_]{0,99})$/,
          'expected "customerAccess", "approvedDomains", "emailChannel" or "projects.KEY"',
        ),
    })
    .strict(),
  setApiKey: z
    .object({
      orgId: z
        .string()
        .trim()
        .regex(
          /^[A-Za-z0-9-]{1,64}$/,
          'expected the organization ID from admin.atlassian.com (letters, digits, dashes)',
        ),
      apiKey: z
        .string()
        .refine((v) => !CONTROL.test(v), {
          message:
            'contains a control character (such as NUL or a line break), which no API key has; copy the key again from admin.atlassian.com',
          abort: true,
        })
        .refine((v) => v.length >= 16, 'is too short to be an organization API key')
        .refine((v) => v.length <= 4096, 'is too long to be an organization API key')
        .refine((v) => /^\S+$/.test(v), 'cannot contain spaces'),
    })
    .strict(),
} satisfies Record<string, z.ZodType>;

export type PayloadKey = keyof typeof payloads;
export type Payload<K extends PayloadKey> = z.output<(typeof payloads)[K]>;

/** Field labels as the pages show them: messages name the field a person sees, never a code name. */
const FIELD_LABELS: Record<string, string> = {
  email: "Sender's email address",
  text: 'Addresses or an email log export',
  projectKey: 'Service project the email is sent to',
  apiKey: 'API key',
  orgId: 'Organization ID',
  section: 'Settings section',
  rawId: 'Role id',
  role: 'Role',
  headers: 'Message headers',
  expectedAt: 'Form version',
  'value.internal':
    'Use approved domains to grant internal customers access to the help center with Atlassian accounts',
  'value.external': 'Allow portal-only accounts to be created for new customers',
  'value.externalDomains': 'Only allow account creation for customers with specific email domains',
  'value.accountCreation': 'Portal access',
  'value.domains': 'Approved domains',
  'value.anyDomain': 'Any domain',
  'value.allowlist': 'Allowlist',
  'value.blocklist': 'Blocklist',
  'value.access': 'Customer permissions',
  'value.customerInvitedNotification': '"Customer invited" notification',
  payload: 'The request',
};

/** The label of a field path ("value.allowlist[2]" → "Allowlist, entry 3"). */
export function fieldLabel(field: string): string {
  const m = /^([^[]+?)(?:\[(\d+)\]|\.(.+))?$/.exec(field);
  const base = m?.[1] ?? field;
  const label = FIELD_LABELS[base] ?? FIELD_LABELS[base.split('.').slice(0, 2).join('.')];
  if (!label) return 'A field of the request';
  if (m?.[2] !== undefined) return `${label}, entry ${Number(m[2]) + 1}`;
  if (m?.[3] !== undefined && base === 'value.domains') return `${label}, ${m[3]}`;
  return label;
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out ? '.' : '') + String(key);
  }
  return out || 'payload';
}

/** The payload, validated; an AppError 'invalid-input' naming the first offending field otherwise. */
export function parsePayload<K extends PayloadKey>(key: K, payload: unknown): Payload<K> {
  let size = 0;
  try {
    size = JSON.stringify(payload ?? {}).length;
  } catch {
    throw new AppError('invalid-input', 'The request is not JSON.', 'payload');
  }
  if (size > LIMITS.payloadChars) {
    throw new AppError(
      'invalid-input',
      `The request is larger than ${LIMITS.payloadChars} characters.`,
      'payload',
    );
  }
  const result = payloads[key].safeParse(payload ?? {}, { reportInput: true });
  if (result.success) return result.data as Payload<K>;
  const issue = result.error.issues[0];
  const path = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const field = fieldName([...issue.path, issue.keys[0]]);
    throw new AppError('invalid-input', `The request has a field it does not take ("${field}").`, field);
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = 'required';
  }
  const field = fieldName(path);
  throw new AppError('invalid-input', `${fieldLabel(field)}: ${message}`, field);
}
