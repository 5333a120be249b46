/** "Site settings": every fact with its source and age, and forms for what no API gives. */
import React, { useState } from 'react';
import {
  Box,
  Button,
  DynamicTable,
  ErrorMessage,
  Form,
  Heading,
  HelperMessage,
  Inline,
  Label,
  RadioGroup,
  SectionMessage,
  Select,
  Stack,
  Text,
} from '@forge/react';
import { domainToAscii, normalizeDomain, normalizeEmail } from '../evaluator/address';
import type {
  AccountCreation,
  ApprovedDomainRole,
  ApprovedDomains,
  CustomerAccess,
  EmailChannel,
  ProjectAccess,
  Snapshot,
} from '../evaluator';
import type { Answer, AppState, ResolverKeys } from '../backend/keys';
import type { Failure } from './api';
import {
  ENTERED_FACT_LABEL,
  LABEL_ACCOUNTS_ALLOWED,
  LABEL_ACCOUNTS_NOT_ALLOWED,
  LABEL_ANY_DOMAIN,
  LABEL_CUSTOMER_INVITED,
  LABEL_EXTERNAL,
  LABEL_EXTERNAL_DOMAINS,
  LABEL_INTERNAL,
  LABEL_OPEN,
  LABEL_RESTRICTED,
  LABEL_RESTRICTED_HELP,
  ROLE_LABEL,
  onOff,
  sectionLabel,
  factSourceText,
  sourceOf,
  sourceText,
  splitList,
} from './format';
import { FailureMessage } from './states';
import { SubmitRow, TextInput } from './fields';

/** Keys that change settings and answer the new app state. */
export type SettingsKey =
  'saveSettings' | 'confirmSettings' | 'setApiKey' | 'clearApiKey' | 'saveRoleMeaning' | 'refresh';
export type Apply = <K extends SettingsKey>(
  key: K,
  payload: ResolverKeys[K]['payload'],
) => Promise<Answer<AppState>>;

export interface FactRow {
  /** The fact's path in the snapshot ("customerAccess.internal", "projects.HELP.access"): its source's key. */
  section: string;
  fact: string;
  value: string;
  /** Whether the value is known (an unknown fact is never labelled read live or entered). */
  known: boolean;
}

/** Every fact the app decides on, one row each, for the facts table. */
export function factRows(
  snapshot: Snapshot,
  options: { projects?: string[]; site?: boolean; approvedDomainList?: boolean } = {},
): FactRow[] {
  const rows: FactRow[] = [];
  const site = options.site ?? true;
  const row = (section: string, fact: string, value: unknown, text: string) =>
    rows.push({
      section,
      fact,
      value: value === undefined ? UNKNOWN_NOT_ENTERED : text,
      known: value !== undefined,
    });
  if (site) {
    const ca = snapshot.customerAccess ?? {};
    row('customerAccess.internal', LABEL_INTERNAL, ca.internal, onOff(ca.internal));
    row('customerAccess.external', LABEL_EXTERNAL, ca.external, onOff(ca.external));
    row(
      'customerAccess.externalDomains',
      LABEL_EXTERNAL_DOMAINS,
      ca.externalDomains,
      ca.externalDomains === 'any'
        ? 'Not checked: any domain'
        : `Checked: ${(ca.externalDomains ?? []).join(', ') || '(no domains)'}`,
    );
    row(
      'customerAccess.accountCreation',
      ENTERED_FACT_LABEL.customerAccess.accountCreation,
      ca.accountCreation,
      ca.accountCreation === 'allowed' ? LABEL_ACCOUNTS_ALLOWED : LABEL_ACCOUNTS_NOT_ALLOWED,
    );
    const ad = snapshot.approvedDomains;
    if (options.approvedDomainList === false) {
      rows.push({
        section: 'approvedDomains',
        fact: ENTERED_FACT_LABEL.approvedDomains.domains,
        value: "Each sender's own domain row is read when the sender is checked",
        known: false,
      });
    } else if (!ad || ad.domains === undefined) {
      row('approvedDomains', ENTERED_FACT_LABEL.approvedDomains.domains, undefined, '');
    } else {
      const listed = Object.entries(ad.domains);
      if (!listed.length)
        row('approvedDomains', ENTERED_FACT_LABEL.approvedDomains.domains, true, 'None listed');
      for (const [domain, role] of listed) {
        row('approvedDomains', `Approved domain ${domain}`, role, ROLE_LABEL[role]);
      }
    }
    row(
      'approvedDomains',
      ENTERED_FACT_LABEL.approvedDomains.anyDomain,
      ad?.anyDomain,
      ad?.anyDomain ? ROLE_LABEL[ad.anyDomain] : '',
    );
    const ec = snapshot.emailChannel;
    row('emailChannel.allowlist', 'Email allowlist', ec?.allowlist, ec?.allowlist?.join(', ') || '(empty)');
    row('emailChannel.blocklist', 'Email blocklist', ec?.blocklist, ec?.blocklist?.join(', ') || '(empty)');
  }
  const keys = options.projects ?? Object.keys(snapshot.projects ?? {});
  for (const key of keys) {
    const p = snapshot.projects?.[key] ?? {};
    const section = `projects.${key}`;
    const name = p.name ? `${p.name} (${key})` : key;
    row(
      `${section}.access`,
      `${name}: ${ENTERED_FACT_LABEL.project.access}`,
      p.access,
      p.access === 'open' ? LABEL_OPEN : `${LABEL_RESTRICTED}: ${LABEL_RESTRICTED_HELP}`,
    );
    row(
      `${section}.customerInvitedNotification`,
      `${name}: ${ENTERED_FACT_LABEL.project.customerInvitedNotification}`,
      p.customerInvitedNotification,
      p.customerInvitedNotification ? 'Enabled' : 'Disabled',
    );
    rows.push({
      section: `${section}.customers`,
      fact: `${name}: customers`,
      value:
        p.customers === undefined
          ? 'Looked up for each sender when checked'
          : `${p.customers.length} on the Customers page`,
      known: p.customers !== undefined,
    });
    rows.push({
      section: `${section}.portalAccessGrants`,
      fact: `${name}: "Service Project Customer - Portal Access" can browse and create`,
      value: p.portalAccessGrants === undefined ? 'Unknown' : p.portalAccessGrants ? 'Yes' : 'No',
      known: p.portalAccessGrants !== undefined,
    });
  }
  if (site) {
    rows.push({
      section: 'accounts',
      fact: 'Accounts',
      value:
        snapshot.accounts === undefined
          ? 'Looked up for each sender when checked'
          : `${Object.keys(snapshot.accounts).length} known`,
      known: snapshot.accounts !== undefined,
    });
  }
  return rows;
}

const UNKNOWN_NOT_ENTERED = 'Unknown (not entered)';

export function FactsTable({
  snapshot,
  rows,
  caption,
  now,
}: {
  snapshot: Snapshot;
  rows: FactRow[];
  caption: string;
  now?: number;
}) {
  return (
    <DynamicTable
      caption={caption}
      label={caption}
      head={{
        cells: [
          { key: 'fact', content: 'Setting' },
          { key: 'value', content: 'Value' },
          { key: 'source', content: 'Where it came from' },
        ],
      }}
      rows={rows.map((row, index) => ({
        key: `fact-${index}`,
        cells: [
          { key: 'fact', content: row.fact },
          { key: 'value', content: row.value },
          { key: 'source', content: factSourceText(snapshot, row.section, row.known, now) },
        ],
      }))}
    />
  );
}

/** Runs a settings action and keeps its outcome for the form that started it. */
function useAction(apply: Apply) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = async <K extends SettingsKey>(
    key: K,
    payload: ResolverKeys[K]['payload'],
    success: string,
  ): Promise<Answer<AppState>> => {
    setBusy(true);
    setDone(null);
    setFailure(null);
    const answer = await apply(key, payload);
    setBusy(false);
    if (answer.ok) setDone(answer.data.saved === 'unchanged' ? NOTHING_CHANGED : success);
    else setFailure(answer.error);
    return answer;
  };
  /** Said without a call when the form holds exactly what is entered. */
  const unchanged = () => {
    setFailure(null);
    setDone(NOTHING_CHANGED);
  };
  const outcome = (doing: string) => (
    <>
      {done ? (
        <SectionMessage appearance={done === NOTHING_CHANGED ? 'information' : 'success'}>
          <Text>{done}</Text>
        </SectionMessage>
      ) : null}
      {failure && !failure.field ? <FailureMessage failure={failure} doing={doing} /> : null}
    </>
  );
  return { busy, failure, run, outcome, unchanged };
}

const NOTHING_CHANGED = 'Nothing changed, so nothing was saved: these are the values already entered.';

/** The `at` of what the form was opened on, so a save made since is a conflict (not for sample data). */
function expectedAtOf(snapshot: Snapshot, sections: string[]): string | null | undefined {
  const ats: string[] = [];
  for (const section of sections) {
    const source = snapshot.sources?.[section];
    if (!source) continue;
    if (source.kind !== 'entered') return undefined;
    if (source.at) ats.push(source.at);
  }
  return ats.length ? ats.sort()[ats.length - 1] : null;
}

/** The same facts (key order and undefined fields aside). */
function sameFacts(a: object | undefined, b: object): boolean {
  const norm = (o: object | undefined) =>
    JSON.stringify(
      Object.entries(o ?? {})
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  return norm(a) === norm(b);
}

export function ConfirmButton({
  snapshot,
  section,
  apply,
}: {
  snapshot: Snapshot;
  section: string;
  apply: Apply;
}) {
  const action = useAction(apply);
  const entered = Object.entries(snapshot.sources ?? {}).some(
    ([key, s]) => (key === section || key.startsWith(`${section}.`)) && s.kind === 'entered',
  );
  if (!entered) return null;
  return (
    <Stack space="space.100">
      <Button
        isDisabled={action.busy}
        onClick={() =>
          action.run(
            'confirmSettings',
            { section },
            `Confirmed: ${sectionLabel(section, snapshot)} is still right.`,
          )
        }
      >
        Confirm {sectionLabel(section, snapshot)} is still right
      </Button>
      {action.outcome('confirm these settings')}
    </Stack>
  );
}

function badDomains(list: string[]): string[] {
  return list.filter((d) => !domainToAscii(d) || d.includes('@') || !d.includes('.'));
}

/** A fact's three states: on, off, or not entered (unknown: answers that turn on it say Unknown). */
type Tri = 'on' | 'off' | 'unset';
const tri = (v: boolean | undefined): Tri => (v === undefined ? 'unset' : v ? 'on' : 'off');
const fromTri = (t: Tri): boolean | undefined => (t === 'unset' ? undefined : t === 'on');
export const NOT_ENTERED = 'Not entered (unknown)';

/**
 * A question with its options, each option labelled. (Not `aria-labelledby`: the reconciler prefixes a
 * Label's id but not that reference, so it would point at nothing.)
 */
function Choice<V extends string>({
  name,
  label,
  value,
  options,
  onChange,
  helper,
}: {
  name: string;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (v: V) => void;
  helper?: string;
}) {
  return (
    <Box>
      <Text weight="bold">{label}</Text>
      <RadioGroup
        name={name}
        value={value}
        options={options.map((o) => ({ name, value: o.value, label: o.label }))}
        onChange={(e) => onChange(e.target.value as V)}
      />
      {helper ? <HelperMessage>{helper}</HelperMessage> : null}
    </Box>
  );
}

function TriState({
  name,
  label,
  value,
  onChange,
  onLabel = 'On',
  offLabel = 'Off',
  helper,
}: {
  name: string;
  label: string;
  value: Tri;
  onChange: (t: Tri) => void;
  onLabel?: string;
  offLabel?: string;
  helper?: string;
}) {
  return (
    <Choice
      name={name}
      label={label}
      value={value}
      onChange={onChange}
      helper={helper}
      options={[
        { value: 'on', label: onLabel },
        { value: 'off', label: offLabel },
        { value: 'unset', label: NOT_ENTERED },
      ]}
    />
  );
}

type DomainsChoice = 'checked' | 'any' | 'unset';

export function CustomerAccessForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ca = snapshot.customerAccess ?? {};
  const [internal, setInternal] = useState<Tri>(tri(ca.internal));
  const [external, setExternal] = useState<Tri>(tri(ca.external));
  const [restrict, setRestrict] = useState<DomainsChoice>(
    ca.externalDomains === undefined ? 'unset' : ca.externalDomains === 'any' ? 'any' : 'checked',
  );
  const [domains, setDomains] = useState(
    Array.isArray(ca.externalDomains) ? ca.externalDomains.join(' ') : '',
  );
  const [creation, setCreation] = useState<AccountCreation | 'unset'>(ca.accountCreation ?? 'unset');
  const [domainsError, setDomainsError] = useState<string | null>(null);
  const action = useAction(apply);

  const save = async () => {
    const list = splitList(domains);
    const bad = badDomains(list);
    if (external === 'on' && restrict === 'checked' && bad.length) {
      setDomainsError(
        `Not a domain: ${bad.join(', ')}. Type domains such as partner.com, separated by spaces.`,
      );
      return;
    }
    setDomainsError(null);
    const value: CustomerAccess = {};
    if (fromTri(internal) !== undefined) value.internal = fromTri(internal);
    if (fromTri(external) !== undefined) value.external = fromTri(external);
    // The sub-option shows under External on Atlassian's page; its choice is kept only with External on.
    if (external === 'on' && restrict !== 'unset') {
      value.externalDomains = restrict === 'checked' ? list.map(normalizeDomain) : 'any';
    }
    if (creation !== 'unset') value.accountCreation = creation;
    if (
      sourceOf(snapshot, 'customerAccess')?.kind === 'entered' &&
      sameFacts(snapshot.customerAccess, value)
    ) {
      action.unchanged();
      return;
    }
    if (!snapshot.customerAccess && Object.keys(value).length === 0) {
      action.unchanged();
      return;
    }
    const expectedAt = expectedAtOf(snapshot, ['customerAccess']);
    await action.run(
      'saveSettings',
      { section: 'customerAccess', value, ...(expectedAt !== undefined ? { expectedAt } : {}) },
      'Customer access saved.',
    );
  };
  const fieldError = action.failure?.field ? action.failure.message : null;

  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          Copy these from Settings &gt; Products &gt; Jira Service Management &gt; Customer access. Leave a
          setting &quot;{NOT_ENTERED}&quot; until you have looked it up: the app never assumes one.
        </Text>
        <TriState name="internal" label={LABEL_INTERNAL} value={internal} onChange={setInternal} />
        <TriState name="external" label={LABEL_EXTERNAL} value={external} onChange={setExternal} />
        {external === 'on' ? (
          <Box paddingInlineStart="space.300">
            <Stack space="space.100">
              <Choice
                name="externalDomains"
                label={LABEL_EXTERNAL_DOMAINS}
                value={restrict}
                onChange={setRestrict}
                options={[
                  { value: 'checked', label: 'Checked: only the domains below' },
                  { value: 'any', label: 'Not checked: any domain' },
                  { value: 'unset', label: NOT_ENTERED },
                ]}
              />
              {restrict === 'checked' ? (
                <TextInput
                  id="ca-external-domains"
                  label="Email domains"
                  value={domains}
                  placeholder="partner.com supplier.example"
                  error={domainsError}
                  helper="Domains separated by spaces, as they appear in Atlassian's list."
                  onChange={setDomains}
                />
              ) : null}
            </Stack>
          </Box>
        ) : null}
        <Choice
          name="accountCreation"
          label="Portal access"
          value={creation}
          onChange={setCreation}
          options={[
            { value: 'allowed', label: LABEL_ACCOUNTS_ALLOWED },
            { value: 'not-allowed', label: LABEL_ACCOUNTS_NOT_ALLOWED },
            { value: 'unset', label: NOT_ENTERED },
          ]}
          helper={`With "${LABEL_ACCOUNTS_NOT_ALLOWED}", email requests from unidentified customers are not processed.`}
        />
        {fieldError ? <ErrorMessage>{fieldError}</ErrorMessage> : null}
        <SubmitRow busy={action.busy}>Save Customer access</SubmitRow>
        {action.outcome('save Customer access')}
      </Stack>
    </Form>
  );
}

interface DomainRowState {
  domain: string;
  role?: ApprovedDomainRole;
}

const ROLE_OPTIONS = (['customer', 'user', 'none'] as const).map((role) => ({
  label: ROLE_LABEL[role],
  value: role,
}));
const ANY_DOMAIN_OPTIONS = [
  ...ROLE_OPTIONS.filter((o) => o.value !== 'user'),
  { label: NOT_ENTERED, value: 'unset' as const },
];

export function ApprovedDomainsForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ad = snapshot.approvedDomains ?? {};
  const [listed, setListed] = useState<'rows' | 'unset'>(ad.domains === undefined ? 'unset' : 'rows');
  const [rows, setRows] = useState<DomainRowState[]>(
    Object.entries(ad.domains ?? {}).map(([domain, role]) => ({ domain, role })),
  );
  const [anyDomain, setAnyDomain] = useState<ApprovedDomainRole | 'unset'>(ad.anyDomain ?? 'unset');
  const [error, setError] = useState<string | null>(null);
  const action = useAction(apply);

  const update = (index: number, change: Partial<DomainRowState>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const save = async () => {
    const filled = listed === 'rows' ? rows.filter((r) => r.domain.trim()) : [];
    const bad = badDomains(filled.map((r) => r.domain.trim()));
    if (bad.length) {
      setError(`Not a domain: ${bad.join(', ')}. Type a domain such as acme.com.`);
      return;
    }
    const noRole = filled.filter((r) => !r.role).map((r) => r.domain.trim());
    if (noRole.length) {
      setError(`Choose the role Atlassian's page shows for ${noRole.join(', ')}.`);
      return;
    }
    setError(null);
    const value: ApprovedDomains = {};
    if (listed === 'rows') {
      value.domains = {};
      for (const r of filled) value.domains[normalizeDomain(r.domain)] = r.role!;
    }
    if (anyDomain !== 'unset') value.anyDomain = anyDomain;
    const entered = sourceOf(snapshot, 'approvedDomains')?.kind === 'entered';
    if ((entered && sameFacts(snapshot.approvedDomains, value)) || (!entered && !Object.keys(value).length)) {
      action.unchanged();
      return;
    }
    const expectedAt = expectedAtOf(snapshot, ['approvedDomains']);
    await action.run(
      'saveSettings',
      { section: 'approvedDomains', value, ...(expectedAt !== undefined ? { expectedAt } : {}) },
      'Approved domains saved.',
    );
  };

  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          Copy these from admin.atlassian.com &gt; Products &gt; User access settings &gt; Approved domains:
          each domain&apos;s role for Jira Service Management (Customer, User or No access), and the &quot;
          {LABEL_ANY_DOMAIN}&quot; row. Source: {sourceText(sourceOf(snapshot, 'approvedDomains'))}.
        </Text>
        <Choice
          name="approvedDomainsListed"
          label="Listed domains"
          value={listed}
          onChange={setListed}
          options={[
            { value: 'rows', label: 'The rows below are every listed domain (none listed: no rows)' },
            { value: 'unset', label: NOT_ENTERED },
          ]}
        />
        {listed === 'rows'
          ? rows.map((row, index) => (
              <Inline key={`domain-${index}`} space="space.100" alignBlock="end" shouldWrap>
                <TextInput
                  id={`ad-domain-${index}`}
                  label={`Domain ${index + 1}`}
                  value={row.domain}
                  onChange={(value) => update(index, { domain: value })}
                />
                <Box>
                  <Label labelFor={`ad-role-${index}`}>Role for {row.domain || `domain ${index + 1}`}</Label>
                  <Select
                    inputId={`ad-role-${index}`}
                    options={ROLE_OPTIONS}
                    value={ROLE_OPTIONS.find((o) => o.value === row.role) ?? null}
                    placeholder="Choose the role Atlassian's page shows"
                    onChange={(o: { value: ApprovedDomainRole } | null) =>
                      o && update(index, { role: o.value })
                    }
                  />
                </Box>
                <Button appearance="subtle" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                  Remove {row.domain || `domain ${index + 1}`}
                </Button>
              </Inline>
            ))
          : null}
        <Inline>
          <Button
            onClick={() => {
              setListed('rows');
              setRows([...rows, { domain: '' }]);
            }}
          >
            Add a domain
          </Button>
        </Inline>
        <Box>
          <Label labelFor="ad-any-domain">{LABEL_ANY_DOMAIN} (every domain that is not listed)</Label>
          <Select
            inputId="ad-any-domain"
            options={ANY_DOMAIN_OPTIONS}
            value={ANY_DOMAIN_OPTIONS.find((o) => o.value === anyDomain) ?? null}
            onChange={(o: { value: ApprovedDomainRole | 'unset' } | null) => o && setAnyDomain(o.value)}
          />
        </Box>
        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        {action.failure?.field ? <ErrorMessage>{action.failure.message}</ErrorMessage> : null}
        <SubmitRow busy={action.busy}>Save Approved domains</SubmitRow>
        {action.outcome('save Approved domains')}
      </Stack>
    </Form>
  );
}

/** A project's entered facts: Customer permissions and the "Customer invited" notification. */
export function ProjectAccessForm({
  snapshot,
  projectKey,
  projectName,
  apply,
}: {
  snapshot: Snapshot;
  projectKey: string;
  projectName?: string;
  apply: Apply;
}) {
  const project = snapshot.projects?.[projectKey];
  const [access, setAccess] = useState<ProjectAccess | 'unset'>(project?.access ?? 'unset');
  const [notification, setNotification] = useState<Tri>(tri(project?.customerInvitedNotification));
  const action = useAction(apply);
  const name = projectName ? `${projectName} (${projectKey})` : projectKey;
  const fields = ['access', 'customerInvitedNotification'].map((f) => `projects.${projectKey}.${f}`);
  const save = async () => {
    const value: { access?: ProjectAccess; customerInvitedNotification?: boolean } = {};
    if (access !== 'unset') value.access = access;
    if (notification !== 'unset') value.customerInvitedNotification = notification === 'on';
    const current = {
      access: snapshot.sources?.[fields[0]]?.kind === 'entered' ? project?.access : undefined,
      customerInvitedNotification:
        snapshot.sources?.[fields[1]]?.kind === 'entered' ? project?.customerInvitedNotification : undefined,
    };
    if (sameFacts(current, value)) {
      action.unchanged();
      return;
    }
    const expectedAt = expectedAtOf(snapshot, fields);
    await action.run(
      'saveSettings',
      { section: 'project', projectKey, value, ...(expectedAt !== undefined ? { expectedAt } : {}) },
      `Settings of ${name} saved.`,
    );
  };
  return (
    <Form onSubmit={save}>
      <Stack space="space.100">
        <Choice
          name={`access-${projectKey}`}
          label={`${name}: ${ENTERED_FACT_LABEL.project.access}`}
          value={access}
          onChange={setAccess}
          options={[
            { value: 'open', label: LABEL_OPEN },
            { value: 'restricted', label: `${LABEL_RESTRICTED}: ${LABEL_RESTRICTED_HELP}` },
            { value: 'unset', label: NOT_ENTERED },
          ]}
          helper={`From ${name} > Project settings > Access > Customer permissions. Source: ${sourceText(snapshot.sources?.[fields[0]])}.`}
        />
        <TriState
          name={`notification-${projectKey}`}
          label={`${name}: ${ENTERED_FACT_LABEL.project.customerInvitedNotification}`}
          value={notification}
          onChange={setNotification}
          onLabel="Enabled"
          offLabel="Disabled"
          helper={`From ${name} > Project settings > Customer notifications. Decides whether an invited customer gets the "${LABEL_CUSTOMER_INVITED}" email. Source: ${sourceText(snapshot.sources?.[fields[1]])}.`}
        />
        {action.failure?.field ? <ErrorMessage>{action.failure.message}</ErrorMessage> : null}
        <SubmitRow busy={action.busy} primary={false}>{`Save ${projectKey} settings`}</SubmitRow>
        {action.outcome(`save the settings of ${name}`)}
      </Stack>
    </Form>
  );
}

type ListChoice = 'entered' | 'unset';

export function EmailChannelForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ec = snapshot.emailChannel ?? {};
  const [allowState, setAllowState] = useState<ListChoice>(ec.allowlist ? 'entered' : 'unset');
  const [blockState, setBlockState] = useState<ListChoice>(ec.blocklist ? 'entered' : 'unset');
  const [allow, setAllow] = useState((ec.allowlist ?? []).join('\n'));
  const [block, setBlock] = useState((ec.blocklist ?? []).join('\n'));
  const [mailbox, setMailbox] = useState<'atlassian' | 'custom' | 'unset'>(ec.mailbox ?? 'unset');
  const [allowError, setAllowError] = useState<string | null>(null);
  const [blockError, setBlockError] = useState<string | null>(null);
  const action = useAction(apply);
  const save = async () => {
    const allowlist = allowState === 'entered' ? splitList(allow) : [];
    const blocklist = blockState === 'entered' ? splitList(block) : [];
    const badAllow = badDomains(allowlist);
    const badBlock = blocklist.filter((e) =>
      e.includes('@') ? !domainToAscii(e.split('@').pop() ?? '') : !!badDomains([e]).length,
    );
    setAllowError(badAllow.length ? `The allowlist takes domains only: ${badAllow.join(', ')}` : null);
    setBlockError(badBlock.length ? `Not a domain or an address: ${badBlock.join(', ')}` : null);
    if (badAllow.length || badBlock.length) return;
    const value: EmailChannel = {};
    if (allowState === 'entered') value.allowlist = allowlist.map(normalizeDomain);
    if (blockState === 'entered') {
      value.blocklist = blocklist.map((e) => (e.includes('@') ? normalizeEmail(e) : normalizeDomain(e)));
    }
    if (mailbox !== 'unset') value.mailbox = mailbox;
    const entered = sourceOf(snapshot, 'emailChannel')?.kind === 'entered';
    if ((entered && sameFacts(snapshot.emailChannel, value)) || (!entered && !Object.keys(value).length)) {
      action.unchanged();
      return;
    }
    const expectedAt = expectedAtOf(snapshot, ['emailChannel']);
    await action.run(
      'saveSettings',
      { section: 'emailChannel', value, ...(expectedAt !== undefined ? { expectedAt } : {}) },
      'Email allowlist and blocklist saved.',
    );
  };
  /** A list entered by an explicit choice: "Entered below" shows its field, "Not entered" hides it. */
  const listField = (
    list: 'allowlist' | 'blocklist',
    choice: ListChoice,
    setChoice: (v: ListChoice) => void,
    fieldLabel: string,
    text: string,
    setText: (v: string) => void,
    error: string | null,
  ) => (
    <>
      <Choice
        name={`${list}Entered`}
        label={ENTERED_FACT_LABEL.emailChannel[list]}
        value={choice}
        onChange={setChoice}
        options={[
          { value: 'entered', label: `Entered below (leave it empty if the ${list} is empty)` },
          { value: 'unset', label: NOT_ENTERED },
        ]}
      />
      {choice === 'entered' ? (
        <TextInput
          id={`ec-${list}`}
          label={fieldLabel}
          rows={3}
          value={text}
          error={error}
          onChange={setText}
        />
      ) : null}
    </>
  );
  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          From Project settings &gt; Email requests (Allowlist and Blocklist). Source:{' '}
          {sourceText(sourceOf(snapshot, 'emailChannel'))}.
        </Text>
        {listField(
          'allowlist',
          allowState,
          setAllowState,
          'Allowlist: domains, one per line',
          allow,
          setAllow,
          allowError,
        )}
        {listField(
          'blocklist',
          blockState,
          setBlockState,
          'Blocklist: domains or addresses, one per line',
          block,
          setBlock,
          blockError,
        )}
        <Choice
          name="mailbox"
          label={ENTERED_FACT_LABEL.emailChannel.mailbox}
          value={mailbox}
          onChange={setMailbox}
          options={[
            {
              value: 'atlassian',
              label: 'The address Atlassian provides (…@your-site.atlassian.net): DMARC is enforced',
            },
            {
              value: 'custom',
              label: 'A connected Google or Microsoft email account: Jira does not apply its DMARC check',
            },
            { value: 'unset', label: NOT_ENTERED },
          ]}
        />
        {action.failure?.field ? <ErrorMessage>{action.failure.message}</ErrorMessage> : null}
        <SubmitRow busy={action.busy} primary={false}>
          Save allowlist and blocklist
        </SubmitRow>
        {action.outcome('save the allowlist and blocklist')}
      </Stack>
    </Form>
  );
}

/**
 * Approved-domain role ids the app did not recognise (reported by the reader with their raw value),
 * and what a Jira admin confirms each means; kept with who and when.
 */
export function RoleMeaningsForm({ appState, apply }: { appState: AppState; apply: Apply }) {
  const reported = unrecognisedRoleIds(appState.snapshot);
  const meanings = appState.roleMeanings ?? {};
  const ids = [...new Set([...reported.map((r) => r.rawId), ...Object.keys(meanings)])];
  const [choice, setChoice] = useState<Record<string, ApprovedDomainRole>>({});
  const action = useAction(apply);
  if (!ids.length) return null;
  const where = (rawId: string) =>
    reported
      .filter((r) => r.rawId === rawId)
      .map((r) => (r.domain === 'ANYONE' ? LABEL_ANY_DOMAIN : r.domain))
      .join(', ');
  return (
    <Stack space="space.150">
      <Text>
        The Admin API answered with role ids the app does not recognise, so the rows that use them are
        Unknown. Atlassian publishes no list of Jira Service Management&apos;s ids: look at the row on
        admin.atlassian.com &gt; Products &gt; User access settings &gt; Approved domains and say what it
        shows. You confirm each id once.
      </Text>
      {ids.map((rawId, index) => {
        const known = meanings[rawId];
        const value = choice[rawId] ?? known?.role;
        return (
          <Inline key={rawId} space="space.100" alignBlock="end" shouldWrap>
            <Box>
              <Label labelFor={`role-meaning-${index}`}>
                {`Role id ${rawId}${where(rawId) ? ` (used by ${where(rawId)})` : ''}`}
              </Label>
              <Select
                inputId={`role-meaning-${index}`}
                options={ROLE_OPTIONS}
                value={ROLE_OPTIONS.find((o) => o.value === value) ?? null}
                placeholder="Not confirmed: choose what Atlassian's page shows"
                onChange={(o: { value: ApprovedDomainRole } | null) =>
                  o && setChoice({ ...choice, [rawId]: o.value })
                }
              />
              {known ? (
                <HelperMessage>{`Confirmed as ${ROLE_LABEL[known.role]}: ${sourceText({ kind: 'entered', by: known.by, at: known.at })}.`}</HelperMessage>
              ) : null}
            </Box>
            <Button
              isDisabled={action.busy || !choice[rawId] || choice[rawId] === known?.role}
              onClick={() =>
                action.run(
                  'saveRoleMeaning',
                  { rawId, role: choice[rawId] },
                  `Saved: ${rawId} means ${ROLE_LABEL[choice[rawId]]}.`,
                )
              }
            >
              {`Save what ${rawId} means`}
            </Button>
          </Inline>
        );
      })}
      {action.outcome('save what the role means')}
    </Stack>
  );
}

/** The raw role ids the reader reported as unrecognised: `approvedDomains.unrecognised[domain|"ANYONE"]`. */
export function unrecognisedRoleIds(snapshot: Snapshot): { domain: string; rawId: string }[] {
  const raw = (snapshot.approvedDomains as { unrecognised?: Record<string, unknown> } | undefined)
    ?.unrecognised;
  const out: { domain: string; rawId: string }[] = [];
  for (const [domain, ids] of Object.entries(raw ?? {})) {
    const list = Array.isArray(ids) ? ids.map(String) : String(ids).split(/[\s,]+/);
    for (const rawId of list.map((s) => s.trim()).filter(Boolean)) out.push({ domain, rawId });
  }
  return out;
}

export function ApiKeyForm({ appState, apply }: { appState: AppState; apply: Apply }) {
  const [orgId, setOrgId] = useState(appState.adminApi.orgId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [errors, setErrors] = useState<{ orgId?: string; apiKey?: string }>({});
  const action = useAction(apply);

  if (appState.adminApi.keySet) {
    return (
      <Stack space="space.100">
        <Text>
          An organization API key is set
          {appState.adminApi.orgId ? ` for organization ${appState.adminApi.orgId}` : ''}. The app reads
          Approved domains and suspended users with it. The key is never shown again.
        </Text>
        <Inline>
          <Button
            appearance="warning"
            isDisabled={action.busy}
            onClick={() => action.run('clearApiKey', {}, 'The API key was removed.')}
          >
            Remove the API key
          </Button>
        </Inline>
        {action.outcome('remove the API key')}
      </Stack>
    );
  }

  const save = async () => {
    const next = {
      orgId: orgId.trim() ? undefined : 'Enter the organization ID.',
      apiKey: apiKey.trim() ? undefined : 'Paste the API key.',
    };
    setErrors(next);
    if (next.orgId || next.apiKey) return;
    const key = apiKey.trim();
    // The key leaves the page once and is never kept or shown.
    setApiKey('');
    const answer = await action.run('setApiKey', { orgId: orgId.trim(), apiKey: key }, 'API key saved.');
    if (!answer.ok && answer.error.field) setErrors({ [answer.error.field]: answer.error.message });
  };
  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          Optional. With an organization API key the app reads Approved domains and suspended users live
          instead of asking you. Create one at admin.atlassian.com &gt; Settings &gt; API keys; the
          organization ID is in the address bar there (admin.atlassian.com/o/ORGANIZATION-ID/…).
        </Text>
        <TextInput
          id="api-org-id"
          label="Organization ID"
          value={orgId}
          error={errors.orgId}
          onChange={setOrgId}
        />
        <TextInput
          id="api-key"
          label="API key"
          type="password"
          value={apiKey}
          error={errors.apiKey}
          helper="Stored encrypted by Forge; never shown after saving."
          onChange={setApiKey}
        />
        <SubmitRow busy={action.busy}>Save API key</SubmitRow>
        {action.outcome('save the API key')}
      </Stack>
    </Form>
  );
}

function RefreshButton({ apply }: { apply: Apply }) {
  const action = useAction(apply);
  return (
    <Stack space="space.100">
      <Inline>
        <Button
          iconBefore="refresh"
          isDisabled={action.busy}
          onClick={() => action.run('refresh', {}, 'Read again from Atlassian.')}
        >
          {action.busy ? 'Reading…' : 'Refresh live reads'}
        </Button>
      </Inline>
      {action.outcome('read the site again')}
    </Stack>
  );
}

/** The Site settings tab of the admin page. */
function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack space="space.150">
      <Heading as="h3" size="medium">
        {title}
      </Heading>
      {children}
    </Stack>
  );
}

export function SiteSettings({ appState, apply, now }: { appState: AppState; apply: Apply; now?: number }) {
  const { snapshot } = appState;
  const projectKeys = [
    ...new Set([...appState.serviceDesks.map((d) => d.projectKey), ...Object.keys(snapshot.projects ?? {})]),
  ];
  const nameOf = (key: string) =>
    snapshot.projects?.[key]?.name ?? appState.serviceDesks.find((d) => d.projectKey === key)?.projectName;
  return (
    <Stack space="space.400">
      <Stack space="space.100">
        <Heading as="h3" size="medium">
          What the app knows
        </Heading>
        <Text>
          Every setting the answers depend on, where it came from and when. &quot;Unknown&quot; means nobody
          has entered it yet: answers that depend on it say Unknown too.
        </Text>
        <FactsTable
          snapshot={snapshot}
          rows={factRows(snapshot, { projects: projectKeys })}
          caption="Site facts"
          now={now}
        />
        <RefreshButton apply={apply} />
      </Stack>

      <Section title="Customer access">
        <CustomerAccessForm snapshot={snapshot} apply={apply} />
        <ConfirmButton snapshot={snapshot} section="customerAccess" apply={apply} />
      </Section>

      <Section title="Approved domains">
        {appState.adminApi.keySet ? (
          <Stack space="space.150">
            <Text>
              Read live from the organization Admin API:{' '}
              {sourceOf(snapshot, 'approvedDomains')
                ? sourceText(sourceOf(snapshot, 'approvedDomains'), now)
                : 'not read yet (see the messages above)'}
              .
            </Text>
            <RoleMeaningsForm appState={appState} apply={apply} />
          </Stack>
        ) : (
          <>
            <ApprovedDomainsForm snapshot={snapshot} apply={apply} />
            <ConfirmButton snapshot={snapshot} section="approvedDomains" apply={apply} />
          </>
        )}
      </Section>

      <Section title='Each service project: Customer permissions and the "Customer invited" notification'>
        {projectKeys.length ? (
          projectKeys.map((key) => (
            <Stack key={key} space="space.100">
              <ProjectAccessForm
                snapshot={snapshot}
                projectKey={key}
                projectName={nameOf(key)}
                apply={apply}
              />
              <ConfirmButton snapshot={snapshot} section={`projects.${key}`} apply={apply} />
            </Stack>
          ))
        ) : (
          <Text>No service projects found on this site.</Text>
        )}
      </Section>

      <Section title="Email allowlist and blocklist">
        <EmailChannelForm snapshot={snapshot} apply={apply} />
        <ConfirmButton snapshot={snapshot} section="emailChannel" apply={apply} />
      </Section>

      <Section title="Organization API key">
        <ApiKeyForm appState={appState} apply={apply} />
      </Section>
    </Stack>
  );
}
