/** The answer for one sender: verdict, email log line, invitation, why, how to fix, what if. */
import React, { useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  List,
  ListItem,
  Lozenge,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import { CAUSES } from '../evaluator/causes';
import { SettingsLink } from './fields';
import { Unreadable } from './states';
import type {
  Check,
  DecisionMatrix,
  Diagnosis,
  FactUsed,
  Fix,
  InboundDiagnosis,
  MatrixRow,
  Snapshot,
} from '../evaluator';
import {
  ACCOUNT_LABEL,
  CHECK_RESULT_APPEARANCE,
  CHECK_RESULT_LABEL,
  NOTIFICATION_LABEL,
  ROLE_LABEL,
  VERDICT_APPEARANCE,
  VERDICT_LABEL,
  causeLabel,
  factSourceText,
  factLabels,
  factValueText,
  possibilityText,
  sourceWithAge,
} from './format';

export interface DiagnosisViewProps {
  diagnosis: Diagnosis;
  matrix: DecisionMatrix | null;
  snapshot: Snapshot;
  /** What each fix would give (same order as the fixes), when the page could replay it. */
  after?: (InboundDiagnosis | null)[];
  /** Reads that failed for this check: section → why. */
  unreadable?: Record<string, string>;
  /** Where missing settings are entered, completing "…are entered <enterWhere>". */
  enterWhere?: string;
  now?: number;
}

export function VerdictLozenge({ verdict }: { verdict: Diagnosis['inbound']['verdict'] }) {
  return (
    <Lozenge appearance={VERDICT_APPEARANCE[verdict]} isBold>
      {VERDICT_LABEL[verdict]}
    </Lozenge>
  );
}

function projectName(d: Diagnosis): string {
  if (!d.project) return 'the service project';
  return d.projectName ? `${d.projectName} (${d.project})` : d.project;
}

/**
 * Where a fact came from, from the snapshot the answer was made on, fact by fact: a fact with no value
 * is "not known" (never "read live" or "entered"); a known one carries its own source, not its section's.
 */
function factSource(fact: FactUsed, snapshot: Snapshot, now: number): string {
  const known = fact.value !== undefined;
  if (known && !snapshot.sources && fact.source) return sourceWithAge(fact.source, now);
  return factSourceText(snapshot, fact.fact, known, now);
}

function CheckItem({ check, snapshot, now }: { check: Check; snapshot: Snapshot; now: number }) {
  return (
    <ListItem>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center">
          <Lozenge appearance={CHECK_RESULT_APPEARANCE[check.result]}>
            {CHECK_RESULT_LABEL[check.result]}
          </Lozenge>
          <Text weight="bold">{check.title}</Text>
        </Inline>
        <Text>{check.detail}</Text>
        {check.facts.map((fact) => (
          <Text key={fact.fact}>
            Fact used: {fact.label}: {factValueText(fact)}. Source: {factSource(fact, snapshot, now)}.
          </Text>
        ))}
        {check.possibilities?.map((p) => (
          <Text key={p.value}>{possibilityText(p)}</Text>
        ))}
      </Stack>
    </ListItem>
  );
}

/** "Then: Accepted, with a new portal-only account" for a fix replayed on the snapshot. */
function afterText(after: InboundDiagnosis): string {
  if (after.verdict === 'accepted') {
    return `Then: Accepted${after.account ? `, with ${ACCOUNT_LABEL[after.account]}` : ''}.`;
  }
  if (after.verdict === 'rejected') return `Then: still Rejected (${causeLabel(after.causes[0])}).`;
  return 'Then: Unknown, until the missing settings are entered.';
}

function FixItem({ fix, after }: { fix: Fix; after: InboundDiagnosis | null }) {
  return (
    <ListItem>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text weight="bold">{fix.action}</Text>
          {fix.risky ? <Lozenge appearance="removed">Risky</Lozenge> : null}
        </Inline>
        <Text>
          Where: {fix.where}
          <SettingsLink link={fix.link} />
        </Text>
        {after ? <Text>{afterText(after)}</Text> : null}
        {fix.risky ? <Text>Risky: this also lets in {fix.letsIn}</Text> : null}
        {fix.causes.length > 1 ? (
          <Text>Removes: {fix.causes.map((c) => causeLabel(c)).join('; ')}</Text>
        ) : null}
        {fix.changes.length > 1 ? (
          <List type="unordered">
            {fix.changes.map((change) => (
              <ListItem key={change.id}>
                <Text>
                  {change.action} ({change.where})
                </Text>
              </ListItem>
            ))}
          </List>
        ) : null}
      </Stack>
    </ListItem>
  );
}

const EXTERNAL_LABEL: Record<MatrixRow['external'], string> = {
  off: 'Off',
  'on-any-domain': 'On, any domain',
  'on-domain-listed': 'On, this domain listed',
  'on-domain-not-listed': 'On, this domain not listed',
};

const DOMAIN_ROW_LABEL: Record<MatrixRow['domainRow'], string> = {
  'not-listed': 'Not listed',
  customer: ROLE_LABEL.customer,
  user: ROLE_LABEL.user,
  none: ROLE_LABEL.none,
};

const INVITE_SHORT: Record<MatrixRow['invite'], string> = {
  'atlassian-account-invitation': 'Atlassian account invitation',
  'jsm-customer-notification': 'Customer notification',
  'no-notification-error': 'None: the invite fails',
  'no-notification': 'None',
  unknown: 'Unknown',
};

function inboundText(row: MatrixRow): string {
  const verdict = VERDICT_LABEL[row.inbound.verdict];
  if (row.inbound.verdict === 'accepted' && row.inbound.account) {
    return `${verdict}: ${ACCOUNT_LABEL[row.inbound.account]}`;
  }
  if (row.inbound.causes.length) return `${verdict}: ${causeLabel(row.inbound.causes[0])}`;
  return verdict;
}

/** How many of the four settings two rows differ in. */
function changes(a: MatrixRow, b: MatrixRow): number {
  return (
    Number(a.internal !== b.internal) +
    Number(a.external !== b.external) +
    Number(a.domainRow !== b.domainRow) +
    Number(a.anyDomain !== b.anyDomain)
  );
}

/** The decision matrix: by default the current settings and every single change from them. */
export function MatrixTable({ matrix }: { matrix: DecisionMatrix }) {
  const [showAll, setShowAll] = useState(false);
  const current = matrix.rows.find((r) => r.current);
  const all = matrix.rows.length;
  const shown = current && !showAll ? matrix.rows.filter((r) => changes(r, current) <= 1) : matrix.rows;
  const rows = [...shown].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Stack space="space.100">
      <Text>
        {current
          ? showAll
            ? `All ${all} combinations of the settings, for ${matrix.email}. The row marked "Current settings" is your site today.`
            : `Your current settings (the row marked "Current settings") and what changing any one setting would do, for ${matrix.email}: ${rows.length} of ${all} combinations.`
          : `Some of the settings are not known yet, so no row is marked as your site's. All ${all} combinations, for ${matrix.email}:`}
      </Text>
      {current ? (
        <Inline>
          <Button onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show only one change away' : `Show all ${all} combinations`}
          </Button>
        </Inline>
      ) : null}
      <DynamicTable
        caption={`What if the settings were different, for ${matrix.email}`}
        label={`Decision matrix for ${matrix.email}`}
        rowsPerPage={rows.length > 16 ? 16 : undefined}
        head={{
          cells: [
            { key: 'current', content: 'Now' },
            { key: 'internal', content: 'Internal (approved domains)' },
            { key: 'external', content: 'External (portal-only)' },
            { key: 'domain', content: `${matrix.domain} in Approved domains` },
            { key: 'any', content: 'Any domain' },
            { key: 'email', content: 'Their email' },
            { key: 'invite', content: 'An invite sends' },
          ],
        }}
        rows={rows.map((row, index) => ({
          key: `row-${index}`,
          isHighlighted: row.current,
          cells: [
            {
              key: 'current',
              content: row.current ? <Lozenge appearance="inprogress">Current settings</Lozenge> : '',
            },
            { key: 'internal', content: row.internal ? 'On' : 'Off' },
            { key: 'external', content: EXTERNAL_LABEL[row.external] },
            { key: 'domain', content: DOMAIN_ROW_LABEL[row.domainRow] },
            { key: 'any', content: ROLE_LABEL[row.anyDomain] },
            { key: 'email', content: inboundText(row) },
            { key: 'invite', content: INVITE_SHORT[row.invite] },
          ],
        }))}
        highlightedRowIndex={current ? [0] : undefined}
      />
    </Stack>
  );
}

/** What the email log shows for a filtered message: the failing filter check's title (e.g. "Auto-reply mail"). */
function filteredAs(d: Diagnosis): string {
  const first = d.inbound.causes[0];
  const check = d.inbound.checks.find((c) => c.result === 'fail' && (!first || c.cause === first));
  return check?.title ?? causeLabel(first);
}

export function DiagnosisView({
  diagnosis,
  matrix,
  snapshot,
  unreadable = {},
  after = [],
  enterWhere = 'on the Site settings tab',
  now = Date.now(),
}: DiagnosisViewProps) {
  const { inbound, invite } = diagnosis;
  return (
    <Stack space="space.300">
      <Stack space="space.100">
        <Heading as="h3" size="medium">
          {diagnosis.email} writing to {projectName(diagnosis)}
        </Heading>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text>Verdict:</Text>
          <VerdictLozenge verdict={inbound.verdict} />
          <Text>{inbound.summary}</Text>
        </Inline>
      </Stack>
      <Unreadable
        unreadable={unreadable}
        snapshot={snapshot}
        title="Some facts for this check could not be read"
        stillWorks="The answer says Unknown where they decide and names them; everything else on the page still works. Check again in a minute."
      />

      <Stack space="space.100">
        <Heading as="h4" size="small">
          What the email log will say
        </Heading>
        {inbound.log ? (
          <>
            <Text weight="bold">{inbound.log}</Text>
            <Text>
              Search for this line in the project&apos;s email log (Project settings &gt; Email requests &gt;
              View log).
            </Text>
          </>
        ) : inbound.verdict === 'accepted' ? (
          <Text>
            Nothing is rejected: the email becomes a request
            {inbound.account ? `, using ${ACCOUNT_LABEL[inbound.account]}` : ''}.
          </Text>
        ) : inbound.verdict === 'rejected' ? (
          <>
            <Text weight="bold">{`Rejected: ${filteredAs(diagnosis)}`}</Text>
            <Text>
              The email is filtered before Jira looks at the sender&apos;s account, so no request is created.
            </Text>
          </>
        ) : (
          <Text>
            {`The app cannot tell yet: the outcome depends on ${
              inbound.turnsOn.map(factLabels([...inbound.checks, ...invite.checks])).join(', ') ||
              'a fact it does not know'
            }. It can be entered ${enterWhere}.`}
          </Text>
        )}
      </Stack>

      <Stack space="space.100">
        <Heading as="h4" size="small">
          If an agent invites this address
        </Heading>
        <Text weight="bold">{NOTIFICATION_LABEL[invite.notification]}</Text>
        <Text>Why: {invite.detail}</Text>
        {invite.checks.length ? (
          <List type="ordered">
            {invite.checks.map((check) => (
              <CheckItem key={`${check.id}-${check.title}`} check={check} snapshot={snapshot} now={now} />
            ))}
          </List>
        ) : null}
      </Stack>

      <Stack space="space.100">
        <Heading as="h4" size="small">
          Why
        </Heading>
        <Text>
          Every check in the order Jira makes it, with the fact it used and where that fact came from.
        </Text>
        <List type="ordered">
          {inbound.checks.map((check) => (
            <CheckItem key={`${check.id}-${check.title}`} check={check} snapshot={snapshot} now={now} />
          ))}
        </List>
      </Stack>

      <Stack space="space.100">
        <Heading as="h4" size="small">
          How to fix
        </Heading>
        {inbound.fixes.length ? (
          <>
            <Text>Smallest change first. Fixes marked Risky let in more people than this sender.</Text>
            <List type="ordered">
              {inbound.fixes.map((fix, index) => (
                <FixItem key={`${fix.cause}-${index}`} fix={fix} after={after[index] ?? null} />
              ))}
            </List>
          </>
        ) : (
          <Text>
            {inbound.verdict === 'accepted'
              ? 'Nothing to fix: this sender gets through.'
              : inbound.verdict === 'rejected'
                ? (CAUSES[inbound.causes[0]].advice ??
                  'The app has no setting change to suggest; see Why above.')
                : `No fix to suggest until the unknown facts above are entered ${enterWhere}.`}
          </Text>
        )}
      </Stack>

      <Stack space="space.100">
        <Heading as="h4" size="small">
          What if
        </Heading>
        {matrix ? (
          <MatrixTable matrix={matrix} />
        ) : (
          <SectionMessage appearance="information">
            <Text>The decision matrix is not available for this answer.</Text>
          </SectionMessage>
        )}
      </Stack>
    </Stack>
  );
}
