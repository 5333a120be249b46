/** "Site settings": every fact with its source and age, and forms for what no API gives. */
import React, { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
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
import type { AccountCreation, ApprovedDomainRole, ProjectAccess, Snapshot } from '../evaluator';
import type { Answer, AppState, ResolverKeys } from '../backend/keys';
import type { Failure } from './api';
import {
  LABEL_ACCOUNTS_ALLOWED,
  LABEL_ACCOUNTS_NOT_ALLOWED,
  LABEL_ANY_DOMAIN,
  LABEL_EXTERNAL,
  LABEL_EXTERNAL_DOMAINS,
  LABEL_INTERNAL,
  LABEL_OPEN,
  LABEL_RESTRICTED,
  LABEL_RESTRICTED_HELP,
  ROLE_LABEL,
  onOff,
  sectionLabel,
  sourceOf,
  sourceText,
  splitList,
} from './format';
import { FailureMessage } from './states';
import { SubmitRow, TextInput } from './fields';

/** Keys that change settings and answer the new app state. */
export type SettingsKey = 'saveSettings' | 'confirmSettings' | 'setApiKey' | 'clearApiKey' | 'refresh';
export type Apply = <K extends SettingsKey>(
  key: K,
  payload: ResolverKeys[K]['payload'],
) => Promise<Answer<AppState>>;

export interface FactRow {
  section: string;
  fact: string;
  value: string;
}

/** Every fact the app decides on, one row each, for the facts table. */
export function factRows(
  snapshot: Snapshot,
  options: { projects?: string[]; site?: boolean } = {},
): FactRow[] {
  const rows: FactRow[] = [];
  const site = options.site ?? true;
  if (site) {
    const ca = snapshot.customerAccess ?? {};
    rows.push({ section: 'customerAccess', fact: LABEL_INTERNAL, value: onOff(ca.internal) });
    rows.push({ section: 'customerAccess', fact: LABEL_EXTERNAL, value: onOff(ca.external) });
    rows.push({
      section: 'customerAccess',
      fact: LABEL_EXTERNAL_DOMAINS,
      value:
        ca.externalDomains === undefined
          ? 'Unknown (not entered)'
          : ca.externalDomains === 'any'
            ? 'Not checked: any domain'
            : `Checked: ${ca.externalDomains.join(', ') || '(no domains)'}`,
    });
    rows.push({
      section: 'customerAccess',
      fact: 'Portal access',
      value:
        ca.accountCreation === undefined
          ? 'Unknown (not entered)'
          : ca.accountCreation === 'allowed'
            ? LABEL_ACCOUNTS_ALLOWED
            : LABEL_ACCOUNTS_NOT_ALLOWED,
    });
    const ad = snapshot.approvedDomains;
    if (!ad || ad.domains === undefined) {
      rows.push({ section: 'approvedDomains', fact: 'Approved domains', value: 'Unknown (not entered)' });
    } else {
      const listed = Object.entries(ad.domains);
      if (!listed.length)
        rows.push({ section: 'approvedDomains', fact: 'Approved domains', value: 'None listed' });
      for (const [domain, role] of listed) {
        rows.push({ section: 'approvedDomains', fact: `Approved domain ${domain}`, value: ROLE_LABEL[role] });
      }
    }
    rows.push({
      section: 'approvedDomains',
      fact: LABEL_ANY_DOMAIN,
      value: ad?.anyDomain ? ROLE_LABEL[ad.anyDomain] : 'Unknown (not entered)',
    });
    const ec = snapshot.emailChannel;
    rows.push({
      section: 'emailChannel',
      fact: 'Email allowlist',
      value: ec?.allowlist === undefined ? 'Unknown (not entered)' : ec.allowlist.join(', ') || '(empty)',
    });
    rows.push({
      section: 'emailChannel',
      fact: 'Email blocklist',
      value: ec?.blocklist === undefined ? 'Unknown (not entered)' : ec.blocklist.join(', ') || '(empty)',
    });
  }
  const keys = options.projects ?? Object.keys(snapshot.projects ?? {});
  for (const key of keys) {
    const p = snapshot.projects?.[key] ?? {};
    const section = `projects.${key}`;
    const name = p.name ? `${p.name} (${key})` : key;
    rows.push({
      section,
      fact: `${name}: Customer permissions`,
      value:
        p.access === undefined
          ? 'Unknown (not entered)'
          : p.access === 'open'
            ? LABEL_OPEN
            : `${LABEL_RESTRICTED}: ${LABEL_RESTRICTED_HELP}`,
    });
    rows.push({
      section,
      fact: `${name}: customers`,
      value: p.customers === undefined ? 'Unknown' : `${p.customers.length} on the Customers page`,
    });
    rows.push({
      section,
      fact: `${name}: "Service Project Customer - Portal Access" can browse and create`,
      value: p.portalAccessGrants === undefined ? 'Unknown' : p.portalAccessGrants ? 'Yes' : 'No',
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
    });
  }
  return rows;
}

/** Where a fact came from; a known value with no recorded source says so rather than "not entered". */
function factSourceText(snapshot: Snapshot, row: FactRow, now?: number): string {
  const source = sourceOf(snapshot, row.section);
  if (!source && !row.value.startsWith('Unknown')) return 'Not recorded';
  return sourceText(source, now);
}

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
          { key: 'source', content: factSourceText(snapshot, row, now) },
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
    if (answer.ok) setDone(success);
    else setFailure(answer.error);
    return answer;
  };
  const outcome = (doing: string) => (
    <>
      {done ? (
        <SectionMessage appearance="success">
          <Text>{done}</Text>
        </SectionMessage>
      ) : null}
      {failure && !failure.field ? <FailureMessage failure={failure} doing={doing} /> : null}
    </>
  );
  return { busy, failure, run, outcome };
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
  if (sourceOf(snapshot, section)?.kind !== 'entered') return null;
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

export function CustomerAccessForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ca = snapshot.customerAccess ?? {};
  const [internal, setInternal] = useState(ca.internal === true);
  const [external, setExternal] = useState(ca.external === true);
  const [restrict, setRestrict] = useState(Array.isArray(ca.externalDomains));
  const [domains, setDomains] = useState(
    Array.isArray(ca.externalDomains) ? ca.externalDomains.join(' ') : '',
  );
  const [creation, setCreation] = useState<AccountCreation | undefined>(ca.accountCreation);
  const [domainsError, setDomainsError] = useState<string | null>(null);
  const action = useAction(apply);

  const save = async () => {
    const list = splitList(domains);
    const bad = badDomains(list);
    if (external && restrict && bad.length) {
      setDomainsError(
        `Not a domain: ${bad.join(', ')}. Type domains such as partner.com, separated by spaces.`,
      );
      return;
    }
    setDomainsError(null);
    await action.run(
      'saveSettings',
      {
        section: 'customerAccess',
        value: {
          internal,
          external,
          externalDomains: restrict ? list.map(normalizeDomain) : 'any',
          ...(creation ? { accountCreation: creation } : {}),
        },
      },
      'Customer access saved.',
    );
  };
  const fieldError = action.failure?.field ? action.failure.message : null;

  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          Copy these from Settings &gt; Products &gt; Jira Service Management &gt; Customer access. Source:{' '}
          {sourceText(sourceOf(snapshot, 'customerAccess'))}.
        </Text>
        <Checkbox
          id="ca-internal"
          name="internal"
          label={LABEL_INTERNAL}
          isChecked={internal}
          onChange={(e) => setInternal(!!e.target.checked)}
        />
        <Checkbox
          id="ca-external"
          name="external"
          label={LABEL_EXTERNAL}
          isChecked={external}
          onChange={(e) => setExternal(!!e.target.checked)}
        />
        {external ? (
          <Box paddingInlineStart="space.300">
            <Stack space="space.100">
              <Checkbox
                id="ca-external-restrict"
                name="externalRestrict"
                label={LABEL_EXTERNAL_DOMAINS}
                isChecked={restrict}
                onChange={(e) => setRestrict(!!e.target.checked)}
              />
              {restrict ? (
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
        <Box>
          <Text weight="bold">Portal access</Text>
          <RadioGroup
            name="accountCreation"
            value={creation}
            options={[
              { name: 'accountCreation', value: 'allowed', label: LABEL_ACCOUNTS_ALLOWED },
              { name: 'accountCreation', value: 'not-allowed', label: LABEL_ACCOUNTS_NOT_ALLOWED },
            ]}
            onChange={(e) => setCreation(e.target.value as AccountCreation)}
          />
          <HelperMessage>
            With &quot;{LABEL_ACCOUNTS_NOT_ALLOWED}&quot;, email requests from unidentified customers are not
            processed.
          </HelperMessage>
        </Box>
        {fieldError ? <ErrorMessage>{fieldError}</ErrorMessage> : null}
        <SubmitRow busy={action.busy}>Save Customer access</SubmitRow>
        {action.outcome('save Customer access')}
      </Stack>
    </Form>
  );
}

interface DomainRowState {
  domain: string;
  role: ApprovedDomainRole;
}

const ROLE_OPTIONS = (['customer', 'user', 'none'] as const).map((role) => ({
  label: ROLE_LABEL[role],
  value: role,
}));

export function ApprovedDomainsForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ad = snapshot.approvedDomains ?? {};
  const [rows, setRows] = useState<DomainRowState[]>(
    Object.entries(ad.domains ?? {}).map(([domain, role]) => ({ domain, role })),
  );
  const [anyDomain, setAnyDomain] = useState<ApprovedDomainRole | undefined>(ad.anyDomain);
  const [error, setError] = useState<string | null>(null);
  const action = useAction(apply);

  const update = (index: number, change: Partial<DomainRowState>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const save = async () => {
    const filled = rows.filter((r) => r.domain.trim());
    const bad = badDomains(filled.map((r) => r.domain.trim()));
    if (bad.length) {
      setError(`Not a domain: ${bad.join(', ')}. Type a domain such as acme.com.`);
      return;
    }
    setError(null);
    const domains: Record<string, ApprovedDomainRole> = {};
    for (const r of filled) domains[normalizeDomain(r.domain)] = r.role;
    await action.run(
      'saveSettings',
      { section: 'approvedDomains', value: { domains, ...(anyDomain ? { anyDomain } : {}) } },
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
        {rows.map((row, index) => (
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
                value={ROLE_OPTIONS.find((o) => o.value === row.role)}
                onChange={(o: { value: ApprovedDomainRole } | null) => o && update(index, { role: o.value })}
              />
            </Box>
            <Button appearance="subtle" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
              Remove {row.domain || `domain ${index + 1}`}
            </Button>
          </Inline>
        ))}
        <Inline>
          <Button onClick={() => setRows([...rows, { domain: '', role: 'customer' }])}>Add a domain</Button>
        </Inline>
        <Box>
          <Label labelFor="ad-any-domain">{LABEL_ANY_DOMAIN} (every domain that is not listed)</Label>
          <Select
            inputId="ad-any-domain"
            options={ROLE_OPTIONS.filter((o) => o.value !== 'user')}
            value={ROLE_OPTIONS.find((o) => o.value === anyDomain) ?? null}
            placeholder="Not entered: choose what Atlassian's page shows"
            onChange={(o: { value: ApprovedDomainRole } | null) => o && setAnyDomain(o.value)}
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
  const [access, setAccess] = useState<ProjectAccess | undefined>(snapshot.projects?.[projectKey]?.access);
  const action = useAction(apply);
  const name = projectName ? `${projectName} (${projectKey})` : projectKey;
  const save = async () => {
    if (!access) return;
    await action.run(
      'saveSettings',
      { section: 'project', projectKey, value: { access } },
      `Customer permissions of ${name} saved.`,
    );
  };
  return (
    <Form onSubmit={save}>
      <Stack space="space.100">
        <Text weight="bold">{name}: Customer permissions</Text>
        <RadioGroup
          name={`access-${projectKey}`}
          value={access}
          options={[
            { name: `access-${projectKey}`, value: 'open', label: LABEL_OPEN },
            {
              name: `access-${projectKey}`,
              value: 'restricted',
              label: `${LABEL_RESTRICTED}: ${LABEL_RESTRICTED_HELP}`,
            },
          ]}
          onChange={(e) => setAccess(e.target.value as ProjectAccess)}
        />
        <HelperMessage>
          From {name} &gt; Project settings &gt; Access &gt; Customer permissions. Source:{' '}
          {sourceText(sourceOf(snapshot, `projects.${projectKey}`))}.
        </HelperMessage>
        {action.failure?.field ? <ErrorMessage>{action.failure.message}</ErrorMessage> : null}
        <SubmitRow
          busy={action.busy || !access}
          primary={false}
        >{`Save ${projectKey} customer permissions`}</SubmitRow>
        {action.outcome(`save the customer permissions of ${name}`)}
      </Stack>
    </Form>
  );
}

export function EmailChannelForm({ snapshot, apply }: { snapshot: Snapshot; apply: Apply }) {
  const ec = snapshot.emailChannel ?? {};
  const [allow, setAllow] = useState((ec.allowlist ?? []).join('\n'));
  const [block, setBlock] = useState((ec.blocklist ?? []).join('\n'));
  const [allowError, setAllowError] = useState<string | null>(null);
  const [blockError, setBlockError] = useState<string | null>(null);
  const action = useAction(apply);
  const save = async () => {
    const allowlist = splitList(allow);
    const blocklist = splitList(block);
    const badAllow = badDomains(allowlist);
    const badBlock = blocklist.filter((e) =>
      e.includes('@') ? !domainToAscii(e.split('@').pop() ?? '') : !!badDomains([e]).length,
    );
    setAllowError(badAllow.length ? `The allowlist takes domains only: ${badAllow.join(', ')}` : null);
    setBlockError(badBlock.length ? `Not a domain or an address: ${badBlock.join(', ')}` : null);
    if (badAllow.length || badBlock.length) return;
    await action.run(
      'saveSettings',
      {
        section: 'emailChannel',
        value: {
          allowlist: allowlist.map(normalizeDomain),
          blocklist: blocklist.map((e) => (e.includes('@') ? normalizeEmail(e) : normalizeDomain(e))),
        },
      },
      'Email allowlist and blocklist saved.',
    );
  };
  return (
    <Form onSubmit={save}>
      <Stack space="space.150">
        <Text>
          From Project settings &gt; Email requests (Allowlist and Blocklist). Source:{' '}
          {sourceText(sourceOf(snapshot, 'emailChannel'))}.
        </Text>
        <TextInput
          id="ec-allowlist"
          label="Allowlist: domains, one per line"
          rows={3}
          value={allow}
          error={allowError}
          onChange={setAllow}
        />
        <TextInput
          id="ec-blocklist"
          label="Blocklist: domains or addresses, one per line"
          rows={3}
          value={block}
          error={blockError}
          onChange={setBlock}
        />
        <SubmitRow busy={action.busy} primary={false}>
          Save allowlist and blocklist
        </SubmitRow>
        {action.outcome('save the allowlist and blocklist')}
      </Stack>
    </Form>
  );
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
          <Text>
            Read live from the organization Admin API:{' '}
            {sourceText(sourceOf(snapshot, 'approvedDomains'), now)}.
          </Text>
        ) : (
          <>
            <ApprovedDomainsForm snapshot={snapshot} apply={apply} />
            <ConfirmButton snapshot={snapshot} section="approvedDomains" apply={apply} />
          </>
        )}
      </Section>

      <Section title="Customer permissions of each service project">
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
