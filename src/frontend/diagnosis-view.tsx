/**
 * The answer for one sender, top down: the verdict in one sentence with the email log line; the fix
 * the reader can make (or, for Unknown, what each value of the deciding fact gives and what settles
 * it); the other fixes (on a project page, a note for the Jira or organization admin); "Why" (the
 * checks, collapsed); what an invite would send; the What if table when a setting changes the outcome.
 */
import React, { useState } from 'react';
import {
  Button,
  CodeBlock,
  DynamicTable,
  Heading,
  Inline,
  List,
  ListItem,
  Lozenge,
  Stack,
  Text,
} from '@forge/react';
import { CAUSES } from '../evaluator/causes';
import {
  acceptedText,
  DOMAIN_ROW_LABEL,
  EXTERNAL_SETTING_LABEL,
  filteredLogText,
  isFilterCause,
  matrixOutcomeText,
  valueText,
} from '../evaluator/vocabulary';
import { pageOf, type OrgContext } from '../evaluator/pages';
import { changesOf } from '../evaluator/result';
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
  NOTIFICATION_SHORT,
  NOTIFICATION_TEXT,
  ROLE_LABEL,
  VERDICT_APPEARANCE,
  VERDICT_LABEL,
  WHO_LABEL,
  addressShown,
  canMake,
  causeLabel,
  factSourceText,
  factLabels,
  factValueText,
  plain,
  possibilityText,
  sourceText,
  type Reader,
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
  /** Who reads the answer: their own fixes come first; on a project page the rest become a note. */
  reader?: Reader;
  /** The organization, for admin.atlassian.com links (admin page only). */
  orgId?: string;
  /** The address as typed (an international domain is shown as typed, its ASCII form beside it). */
  typed?: string;
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
 * When the page has no sources for the snapshot, the fact's own (`sourceOf`) says it.
 */
function factSource(fact: FactUsed, snapshot: Snapshot, now: number): string {
  const known = fact.value !== undefined;
  if (known && !snapshot.sources && fact.sourceOf) return sourceText(fact.sourceOf, now);
  return factSourceText(snapshot, fact.fact, known, now);
}

/** Each possibility of a check as a sentence, its fact named by the label the check gives it. */
function possibilities(check: Check | undefined): { key: string; text: string }[] {
  if (!check?.possibilities) return [];
  const label = factLabels([check]);
  return check.possibilities.map((p) => ({
    key: `${p.when.fact}=${String(p.when.value)}`,
    text: possibilityText(p, label(p.when.fact)),
  }));
}

/** One check in one line: its result, title and finding, then each fact with its source. */
function CheckItem({ check, snapshot, now }: { check: Check; snapshot: Snapshot; now: number }) {
  return (
    <ListItem>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={CHECK_RESULT_APPEARANCE[check.result]}>
            {CHECK_RESULT_LABEL[check.result]}
          </Lozenge>
          <Text>
            <Text weight="bold">{check.title}</Text>: {plain(check.detail)}
          </Text>
        </Inline>
        {check.facts.length ? (
          <Text size="small">
            {check.facts
              .map((f) => `${f.label}: ${factValueText(f)} (${factSource(f, snapshot, now)})`)
              .join(' · ')}
          </Text>
        ) : null}
        {possibilities(check).map((p) => (
          <Text key={p.key} size="small">
            {p.text}
          </Text>
        ))}
      </Stack>
    </ListItem>
  );
}

/** "Then: Accepted, with a new portal-only account" for a fix replayed on the snapshot. */
function afterText(after: InboundDiagnosis): string {
  if (after.verdict === 'accepted') {
    return `Then: ${VERDICT_LABEL.accepted}${after.account ? `, with ${ACCOUNT_LABEL[after.account]}` : ''}.`;
  }
  if (after.verdict === 'rejected')
    return `Then: still ${VERDICT_LABEL.rejected} (${causeLabel(after.causes[0])}).`;
  return `Then: ${VERDICT_LABEL.unknown}, until the missing settings are entered.`;
}

interface LinkContext {
  siteUrl?: string;
  projectKey?: string;
  org: OrgContext;
}

/** The page a change is made on, with the organization's links when the page knows them. */
function changePage(change: { where: string; link?: string }, links: LinkContext) {
  return pageOf(change, links.siteUrl, links.projectKey, links.org);
}

function WhereLine({ change, links }: { change: { where: string; link?: string }; links: LinkContext }) {
  const page = changePage(change, links);
  return (
    <Text>
      Where: {page.where}
      <SettingsLink link={page.link} opens={page.linkOpens} />
    </Text>
  );
}

/** One fix: what to change, who can, who else it lets in, where (each change's own page). */
function FixItem({
  fix,
  after,
  links,
  lead,
}: {
  fix: Fix;
  after: InboundDiagnosis | null;
  links: LinkContext;
  lead?: boolean;
}) {
  const changes = changesOf(fix);
  const several = changes.length > 1;
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight={lead ? 'bold' : 'medium'}>{fix.action}</Text>
        {fix.risky ? <Lozenge appearance="removed">Risky</Lozenge> : null}
      </Inline>
      <Text>
        Who can make it: {WHO_LABEL[fix.who]}. Lets in: {fix.letsIn}.
      </Text>
      {several ? (
        <List type="unordered">
          {changes.map((change) => (
            <ListItem key={change.id}>
              <Text>
                {change.action} ({WHO_LABEL[change.who]}). Where: {changePage(change, links).where}
                <SettingsLink
                  link={changePage(change, links).link}
                  opens={changePage(change, links).linkOpens}
                />
              </Text>
            </ListItem>
          ))}
        </List>
      ) : (
        <WhereLine change={fix} links={links} />
      )}
      {after ? <Text>{afterText(after)}</Text> : null}
      {fix.leavesUnknown ? (
        <Text>After it, the answer still turns on a setting the app does not know (see Why).</Text>
      ) : null}
    </Stack>
  );
}

/** The hand-off note a project admin copies to the Jira or organization admin: who, what, where, why. */
export function handOffNote(diagnosis: Diagnosis, fixes: Fix[], links: LinkContext, from: Reader): string {
  const owners = [...new Set(fixes.map((f) => f.who))];
  const to = owners.map((w) => WHO_LABEL[w]).join(' or ');
  const { inbound } = diagnosis;
  const lines = [
    `To ${to}:`,
    '',
    `${diagnosis.email} cannot raise requests by email in ${projectName(diagnosis)}.`,
    inbound.log
      ? `The project's email log shows: "${inbound.log}"`
      : `Their email is rejected: ${causeLabel(inbound.causes[0])}.`,
    `Why: ${causeLabel(inbound.causes[0])}.`,
    '',
    fixes.length > 1 ? 'Any one of these changes fixes it:' : 'This change fixes it:',
  ];
  fixes.forEach((fix, i) => {
    lines.push(`${i + 1}. ${fix.action}${fix.risky ? ' (risky: it lets in more than this sender)' : ''}`);
    lines.push(`   Who: ${WHO_LABEL[fix.who]}`);
    for (const change of changesOf(fix)) {
      const page = changePage(change, links);
      lines.push(`   Where: ${page.where}${page.link ? ` (${page.link})` : ''}`);
    }
    lines.push(`   Lets in: ${fix.letsIn}`);
  });
  lines.push(
    '',
    `Checked with Customer Access Doctor by ${WHO_LABEL[from]} of ${diagnosis.project ?? 'the project'}.`,
  );
  return lines.join('\n');
}

/** A Button that shows or hides what follows it; its text says which and how much. */
function Toggle({
  open,
  onToggle,
  show,
  hide,
}: {
  open: boolean;
  onToggle: () => void;
  show: string;
  hide: string;
}) {
  return (
    <Inline>
      <Button appearance="subtle" onClick={onToggle}>
        {open ? hide : show}
      </Button>
    </Inline>
  );
}

function inboundText(row: MatrixRow): string {
  return matrixOutcomeText(row.inbound);
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

/** Whether two rows give the sender's email a different outcome (verdict, account or cause). */
function differs(a: MatrixRow, b: MatrixRow): boolean {
  return inboundText(a) !== inboundText(b);
}

/** Whether any setting changes the outcome: else the What if table has nothing to say. */
export function matrixMatters(matrix: DecisionMatrix): boolean {
  const first = matrix.rows[0];
  return !!first && matrix.rows.some((r) => differs(r, first));
}

/**
 * The decision matrix: by default the current settings and the single changes that give a different
 * outcome; all combinations on request.
 */
export function MatrixTable({ matrix }: { matrix: DecisionMatrix }) {
  const [showAll, setShowAll] = useState(false);
  const current = matrix.rows.find((r) => r.current);
  const all = matrix.rows.length;
  const shown =
    current && !showAll
      ? matrix.rows.filter((r) => r === current || (changes(r, current) === 1 && differs(r, current)))
      : matrix.rows;
  const rows = [...shown].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Stack space="space.100">
      <Text>
        {current
          ? showAll
            ? `All ${all} combinations of the settings, for ${matrix.email}. The row marked "Current settings" is your site today.`
            : `Your current settings, and each single change that gives ${matrix.email} a different outcome (${rows.length - 1} of ${all - 1} possible changes).`
          : `Some of the settings are not known yet, so no row is marked as your site's. All ${all} combinations, for ${matrix.email}:`}
      </Text>
      {current ? (
        <Inline>
          <Button onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show only the changes that matter' : `Show all ${all} combinations`}
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
            { key: 'internal', content: valueText(row.internal, 'customerAccess.internal') },
            { key: 'external', content: EXTERNAL_SETTING_LABEL[row.external] },
            { key: 'domain', content: DOMAIN_ROW_LABEL[row.domainRow] },
            { key: 'any', content: ROLE_LABEL[row.anyDomain] },
            { key: 'email', content: inboundText(row) },
            { key: 'invite', content: NOTIFICATION_SHORT[row.invite] },
          ],
        }))}
        highlightedRowIndex={current ? [0] : undefined}
      />
    </Stack>
  );
}

/** The one sentence of the verdict, and the email log line when Atlassian documents one. */
function VerdictBlock({ diagnosis, enterWhere }: { diagnosis: Diagnosis; enterWhere: string }) {
  const { inbound, invite } = diagnosis;
  const label = factLabels([...inbound.checks, ...invite.checks]);
  if (inbound.verdict === 'accepted') {
    return (
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <VerdictLozenge verdict="accepted" />
        <Text>{acceptedText(inbound.account)}</Text>
      </Inline>
    );
  }
  if (inbound.verdict === 'rejected') {
    const cause = inbound.causes[0];
    return (
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <VerdictLozenge verdict="rejected" />
          {inbound.log ? (
            <Text>
              The email log shows: <Text weight="bold">&quot;{inbound.log}&quot;</Text>
            </Text>
          ) : isFilterCause(cause) ? (
            <Text>{filteredLogText(cause)}</Text>
          ) : CAUSES[cause]?.log ? (
            // Rejected whatever the unknown facts are, but an earlier check (the blocklist, say) may
            // refuse it first: the line is Atlassian's, for this cause, not a promise of what the log shows.
            <Text>
              No request is created. The email log shows{' '}
              <Text weight="bold">&quot;{CAUSES[cause].log}&quot;</Text> for this cause, unless a check the
              app cannot make yet refuses the email first.
            </Text>
          ) : (
            <Text>No request is created. Atlassian documents no email log line for this cause.</Text>
          )}
        </Inline>
        <Text>
          <Text weight="bold">Cause:</Text> {causeLabel(cause)}.
          {inbound.causes.length > 1
            ? ` Next, once fixed: ${inbound.causes
                .slice(1)
                .map((c) => causeLabel(c))
                .join('; ')}.`
            : ''}
        </Text>
      </Stack>
    );
  }
  const turnsOn = inbound.turnsOn.map(label);
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <VerdictLozenge verdict="unknown" />
      <Text>
        The app cannot tell yet: the outcome turns on {turnsOn.join(', ') || 'a setting it does not know'},
        which can be entered {enterWhere}.
      </Text>
    </Inline>
  );
}

/** For Unknown: what each value of the deciding fact gives, and the one action that settles it. */
function Settles({
  diagnosis,
  enterWhere,
  reader,
}: {
  diagnosis: Diagnosis;
  enterWhere: string;
  reader: Reader;
}) {
  const { inbound } = diagnosis;
  const deciding = inbound.checks.find((c) => c.result === 'unknown' && c.possibilities?.length);
  const fact = deciding?.facts.find((f) => f.value === undefined) ?? deciding?.facts[0];
  const account = fact?.fact.startsWith('accounts');
  const action = !fact
    ? `Enter the missing settings ${enterWhere}.`
    : account
      ? reader === 'jira-admin'
        ? `To settle it: set an organization API key (Site settings > Organization API key), so the app can read ${fact.label} from the organization's directory.`
        : `To settle it: ask a Jira admin to set an organization API key in Customer Access Doctor, so the app can read ${fact.label}.`
      : fact.fact.startsWith('projects.') && reader === 'project-admin'
        ? `To settle it: enter ${fact.label} under "This project's settings" below.`
        : `To settle it: enter ${fact.label} ${enterWhere}.`;
  return (
    <Stack space="space.050">
      {possibilities(deciding).map((p) => (
        <Text key={p.key}>{p.text}</Text>
      ))}
      <Text weight="bold">{action}</Text>
    </Stack>
  );
}

export function DiagnosisView({
  diagnosis,
  matrix,
  snapshot,
  unreadable = {},
  after = [],
  enterWhere = 'on the Site settings tab',
  reader = 'jira-admin',
  orgId,
  typed,
  now = Date.now(),
}: DiagnosisViewProps) {
  const [whyOpen, setWhyOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [othersOpen, setOthersOpen] = useState(false);
  const { inbound, invite } = diagnosis;
  const account = snapshot.accounts?.[diagnosis.email];
  const links: LinkContext = {
    siteUrl: snapshot.site?.url,
    projectKey: diagnosis.project ?? undefined,
    // The organization's pages only where the page knows the organization (never a project page).
    org: reader === 'jira-admin' && orgId ? { orgId, accountId: account?.accountId } : {},
  };
  const indexed = inbound.fixes.map((fix, index) => ({ fix, after: after[index] ?? null }));
  const mine = indexed.filter(({ fix }) => canMake(reader, fix.who));
  const theirs = indexed.filter(({ fix }) => !canMake(reader, fix.who));
  // The admin page leads with the least-access fix the reader can make; every other fix follows.
  const lead = reader === 'jira-admin' ? (mine[0] ?? indexed[0]) : mine[0];
  const others = reader === 'jira-admin' ? indexed.filter((f) => f !== lead) : mine.slice(1);
  const note = reader === 'project-admin' && theirs.length > 0;
  const showMatrix = matrix && matrixMatters(matrix);

  return (
    <Stack space="space.200">
      <Stack space="space.100">
        <Heading as="h3" size="medium">
          {addressShown(typed, diagnosis.email)} writing to {projectName(diagnosis)}
        </Heading>
        <VerdictBlock diagnosis={diagnosis} enterWhere={enterWhere} />
        {inbound.verdict === 'unknown' ? (
          <Settles diagnosis={diagnosis} enterWhere={enterWhere} reader={reader} />
        ) : null}
      </Stack>
      <Unreadable
        unreadable={unreadable}
        snapshot={snapshot}
        title="Some facts for this check could not be read"
        stillWorks="The answer says Unknown where they decide and names them. Check again in a minute."
      />

      {lead ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            {canMake(reader, lead.fix.who) ? 'The fix you can make' : 'The fix'}
          </Heading>
          <FixItem fix={lead.fix} after={lead.after} links={links} lead />
        </Stack>
      ) : inbound.verdict === 'rejected' && !inbound.fixes.length ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            The fix
          </Heading>
          <Text>
            {CAUSES[inbound.causes[0]]?.advice ?? 'The app has no setting change to suggest; see Why below.'}
          </Text>
        </Stack>
      ) : null}

      {note ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            {mine.length ? 'Or ask' : 'Ask'}{' '}
            {[...new Set(theirs.map(({ fix }) => WHO_LABEL[fix.who]))].join(' or ')}
          </Heading>
          <Text>
            {mine.length ? 'These fixes are' : 'The fixes for this sender are'} on pages a project admin
            cannot open. Copy this note to the admin who can make one:
          </Text>
          <CodeBlock
            language="text"
            shouldWrapLongLines
            text={handOffNote(
              diagnosis,
              theirs.map(({ fix }) => fix),
              links,
              reader,
            )}
          />
        </Stack>
      ) : null}

      {others.length ? (
        <Stack space="space.100">
          <Toggle
            open={othersOpen}
            onToggle={() => setOthersOpen(!othersOpen)}
            show={`Show ${others.length} other fix${others.length === 1 ? '' : 'es'}`}
            hide="Hide the other fixes"
          />
          {othersOpen ? (
            <Stack space="space.100">
              <Heading as="h4" size="small">
                Other fixes
              </Heading>
              <List type="ordered">
                {others.map(({ fix, after: then }, index) => (
                  <ListItem key={`${fix.cause}-${index}`}>
                    <FixItem fix={fix} after={then} links={links} />
                  </ListItem>
                ))}
              </List>
            </Stack>
          ) : null}
        </Stack>
      ) : null}

      <Stack space="space.100">
        <Heading as="h4" size="small">
          Why
        </Heading>
        <Toggle
          open={whyOpen}
          onToggle={() => setWhyOpen(!whyOpen)}
          show={`Show the ${inbound.checks.length} checks Jira makes`}
          hide="Hide the checks"
        />
        {whyOpen ? (
          <List type="ordered">
            {inbound.checks.map((check) => (
              <CheckItem key={`${check.id}-${check.title}`} check={check} snapshot={snapshot} now={now} />
            ))}
          </List>
        ) : null}
      </Stack>

      <Stack space="space.100">
        <Heading as="h4" size="small">
          If an agent invites this address instead
        </Heading>
        <Text>
          <Text weight="bold">
            {NOTIFICATION_TEXT[invite.notification]}
            {invite.notification === 'unknown' && invite.turnsOn.length
              ? `: it turns on ${invite.turnsOn.map(factLabels([...inbound.checks, ...invite.checks])).join(', ')}`
              : ''}
            .
          </Text>{' '}
          {plain(invite.detail)}
        </Text>
        {invite.error ? (
          <Text>
            The Customers page shows: <Text weight="bold">&quot;{invite.error}&quot;</Text>
          </Text>
        ) : null}
        {invite.checks.length ? (
          <Toggle
            open={inviteOpen}
            onToggle={() => setInviteOpen(!inviteOpen)}
            show={`Show the invite's ${invite.checks.length} checks`}
            hide="Hide the invite's checks"
          />
        ) : null}
        {inviteOpen ? (
          <List type="ordered">
            {invite.checks.map((check) => (
              <CheckItem key={`${check.id}-${check.title}`} check={check} snapshot={snapshot} now={now} />
            ))}
          </List>
        ) : null}
      </Stack>

      {showMatrix ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            What if the settings were different
          </Heading>
          <MatrixTable matrix={matrix} />
        </Stack>
      ) : null}
    </Stack>
  );
}
