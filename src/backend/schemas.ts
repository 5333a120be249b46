/**
 * Payload validation for every resolver key: size limits, and errors that name the field by its label
 * and say what was found. The settings an admin enters are the snapshot's own section schemas
 * (evaluator/snapshot.ts `sectionSchemas`), made strict and checked further here; every payload type
 * of keys.ts is its schema's `z.input`, so a section, a fact or a key the resolver does not handle is
 * a compile error.
 */
import { z } from 'zod';
import {
  approvedDomainRoleSchema,
  BULK_BATCH_LINES,
  domainToAscii,
  ENTERED_FACT_LABEL,
  expectedText,
  foundText,
  normalizeDomain,
  normalizeEmail,
  sectionSchemas,
  SECTIONS,
  type Section,
} from '../evaluator';
import { AppError } from './errors';
import type { ResolverKey } from './keys';

export const LIMITS = {
  emailChars: 320,
  bulkChars: 200_000,
  bulkLines: BULK_BATCH_LINES,
  listEntries: 500,
  domainChars: 253,
  payloadChars: 300_000,
};

const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const PROJECT_SECTION = new RegExp(`^projects\\.${PROJECT_KEY.source.slice(1)}`);
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
  z
    .array(item, { error: 'expected a list' })
    .max(LIMITS.listEntries, `at most ${LIMITS.listEntries} entries`);

// --- The settings an admin enters: the snapshot's sections, checked further -----------------------

/**
 * The snapshot sections an admin enters whole on the admin page: every section but the projects
 * (entered per project, below) and the accounts (never entered: read for each sender).
 */
export type SiteSection = Exclude<Section, 'projects' | 'accounts'>;
export const SITE_SECTIONS = SECTIONS.filter((s): s is SiteSection => s !== 'projects' && s !== 'accounts');

/**
 * Fields the resolver checks more strictly than a snapshot file is checked (a domain must look like
 * one, lists are bounded, entries are normalised). Each replaces the snapshot schema's field and must
 * still read to that field's type, so what is saved is always a valid snapshot section; a field the
 * snapshot does not have is a compile error.
 */
type Stricter<S extends z.ZodObject> = {
  [F in keyof S['shape']]?: z.ZodType<z.output<S['shape'][F]>>;
};

const { customerAccess, approvedDomains, emailChannel, projects } = sectionSchemas;

/**
 * Each site section as `saveSettings` takes it: the snapshot's schema (evaluator/snapshot.ts), strict
 * (a field it does not know is refused, not kept), with the stricter fields above. A section of
 * SECTIONS that is not here (or not excluded from SiteSection) is a compile error.
 */
export const siteSectionSchemas = {
  customerAccess: customerAccess
    .extend({
      externalDomains: z
        .union([z.literal('any'), list(domain)], {
          error: 'expected "any" (every domain) or a list of domains',
        })
        .optional(),
    } satisfies Stricter<typeof customerAccess>)
    .strict(),
  // `unrecognised` is what the Admin API read showed; an admin enters roles, never raw ids.
  approvedDomains: approvedDomains
    .omit({ unrecognised: true })
    .extend({
      domains: z
        .record(domain, approvedDomainRoleSchema)
        .refine((r) => Object.keys(r).length <= LIMITS.listEntries, `at most ${LIMITS.listEntries} domains`)
        .optional(),
    } satisfies Stricter<typeof approvedDomains>)
    .strict(),
  emailChannel: emailChannel
    .extend({
      allowlist: list(domain).optional(),
      blocklist: list(domainOrAddress).optional(),
    } satisfies Stricter<typeof emailChannel>)
    .strict(),
} satisfies { [S in SiteSection]: z.ZodObject };

/** The facts a project admin enters for a project; the rest of a project's facts are read live. */
export const projectEnteredSchema = projects.valueType
  .pick({ access: true, customerInvitedNotification: true })
  .strict();
export type ProjectEnteredFact = keyof typeof projectEnteredSchema.shape;
export const PROJECT_ENTERED_FACTS = projectEnteredSchema.keyof().options;

const empty = z.object({}).strict();

/** The time of the entry the page showed when the admin opened the form (null: nothing was entered). */
const expectedAt = z.union([z.string().max(40), z.null()]).optional();

/** Any character below U+0020 (NUL, tab, new line…) or DEL: never part of a key, often a paste gone wrong. */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

const siteSetting = <S extends SiteSection>(section: S) =>
  z.object({ section: z.literal(section), value: siteSectionSchemas[section], expectedAt }).strict();

/**
 * A section's value replaces what was entered: a field left out is "not entered" (unknown), an
 * empty value clears the section. `expectedAt`: the `at` of the entry the form showed (null: none);
 * when someone saved since, the answer is a `conflict` and nothing is written.
 */
const saveSettings = z.discriminatedUnion('section', [
  siteSetting('customerAccess'),
  siteSetting('approvedDomains'),
  siteSetting('emailChannel'),
  z.object({ section: z.literal('project'), projectKey, value: projectEnteredSchema, expectedAt }).strict(),
]);
/** A site section saveSettings does not take is a compile error ("missing": the section). */
type Unsaved = Exclude<SiteSection, z.output<typeof saveSettings>['section']>;
type EverySiteSection = [Unsaved] extends [never] ? unknown : { missing: Unsaved };

/** "customerAccess", "approvedDomains", "emailChannel" or "projects.KEY": what `confirmSettings` takes. */
const confirmable = [...SITE_SECTIONS, 'projects.KEY'].map((s) => JSON.stringify(s));

/** Each resolver key's payload schema; keys.ts's ResolverKeys are their `z.input`. */
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
  saveSettings: saveSettings satisfies EverySiteSection,
  saveRoleMeaning: z
    .object({
      rawId: z
        .string()
        .trim()
        .min(1, 'cannot be empty')
        .max(500, 'has at most 500 characters')
        .refine((v) => !CONTROL.test(v), 'cannot contain control characters'),
      role: approvedDomainRoleSchema,
    })
    .strict(),
  confirmSettings: z
    .object({
      section: z.string().transform((section, ctx) => {
        const site = SITE_SECTIONS.find((s) => s === section);
        if (site) return site;
        if (PROJECT_SECTION.test(section)) return { projectKey: section.slice('projects.'.length) };
        ctx.addIssue({
          code: 'custom',
          message: `expected ${confirmable.slice(0, -1).join(', ')} or ${confirmable[confirmable.length - 1]}`,
        });
        return z.NEVER;
      }),
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
} satisfies { [K in ResolverKey]: z.ZodType };

export type PayloadKey = keyof typeof payloads;
/** A payload as the service gets it: validated and normalised (the schema's output). */
export type Payload<K extends PayloadKey> = z.output<(typeof payloads)[K]>;

// --- Field labels ---------------------------------------------------------------------------------

/**
 * Each fact an admin enters, labelled from the one vocabulary (ENTERED_FACT_LABEL, as Atlassian's
 * settings page shows it): a fact the resolver takes without a label there is a compile error here.
 */
const FACT_LABELS: {
  [S in SiteSection]: Record<keyof (typeof siteSectionSchemas)[S]['shape'], string>;
} & { project: Record<ProjectEnteredFact, string> } = {
  customerAccess: ENTERED_FACT_LABEL.customerAccess,
  approvedDomains: ENTERED_FACT_LABEL.approvedDomains,
  emailChannel: ENTERED_FACT_LABEL.emailChannel,
  project: ENTERED_FACT_LABEL.project,
};

/** The other fields of the payloads, as the pages label them. */
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
  value: 'The settings',
  payload: 'The request',
};

/** Fields whose value an error message never repeats. */
const SECRET_FIELDS = new Set(['apiKey']);

/**
 * The label of a field path ("value.allowlist[2]" → "Allowlist, entry 3", "value.domains.acme.com"
 * → "Approved domains, acme.com"). `section`: the saveSettings section the value belongs to, when known.
 */
export function fieldLabel(field: string, section?: string): string {
  const m = /^value\.([^.[]+)(?:\[(\d+)\]|\.(.+))?$/.exec(field);
  if (!m) return FIELD_LABELS[field.replace(/[.[].*$/, '')] ?? 'A field of the request';
  const bySection: Record<string, Record<string, string>> = FACT_LABELS;
  const facts =
    section && Object.hasOwn(bySection, section) ? [bySection[section]] : Object.values(bySection);
  const label = facts.map((f) => f[m[1]]).find((l) => l !== undefined);
  if (!label) return 'A field of the request';
  if (m[2] !== undefined) return `${label}, entry ${Number(m[2]) + 1}`;
  if (m[3] !== undefined) return `${label}, ${m[3]}`;
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

const TYPE_WORDS: Record<string, string> = {
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
  record: 'an object',
  object: 'an object',
  number: 'a number',
};

/**
 * The issue to report: for a value that is one of several forms ("any" or a list of domains), the
 * issue of the form it has (a list with a bad entry: that entry), not "matches no form".
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.discriminator) return issue;
  const wrongForm = (e: z.core.$ZodIssue) =>
    e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_value');
  const ofItsForm = issue.errors.filter((errors) => errors.length > 0 && !errors.some(wrongForm));
  if (ofItsForm.length !== 1) return issue;
  const inner = ofItsForm[0][0];
  return innermost({ ...inner, path: [...issue.path, ...inner.path] });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.getOwnPropertyDescriptor(v, key)?.value;
  }
  return v;
}

/** Why an issue failed, in words; the schemas' own messages are kept (they are written for people). */
function why(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'required'
        : `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${expectedText(issue)}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    case 'invalid_union':
      if (issue.discriminator && 'options' in issue && issue.options?.length) {
        const options = issue.options.map((o) => JSON.stringify(o));
        return `expected ${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
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
  // Sound: payloads[key] is the schema whose output Payload<K> is; TypeScript widens a generic key's
  // schema to the union of all of them, so its parse result is the union of every payload.
  if (result.success) return result.data as Payload<K>;
  const issue = innermost(result.error.issues[0]);
  if (issue.code === 'unrecognized_keys') {
    const field = fieldName([...issue.path, issue.keys[0]]);
    throw new AppError('invalid-input', `The request has a field it does not take ("${field}").`, field);
  }
  const field = fieldName(issue.path);
  const section =
    payload && typeof payload === 'object' && 'section' in payload ? String(payload.section) : undefined;
  let message = `${fieldLabel(field, section)}: ${why(issue)}`;
  // What was found, as sent (a record's key is already in the label; a secret is never repeated).
  const found = valueAt(payload, issue.path);
  const shown =
    found !== undefined &&
    issue.code !== 'too_big' &&
    issue.code !== 'invalid_key' &&
    !SECRET_FIELDS.has(field);
  if (shown) message += ` (found ${foundText(found)})`;
  throw new AppError('invalid-input', message, field);
}
