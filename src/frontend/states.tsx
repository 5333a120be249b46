/** The page states: loading, first run, forbidden, upstream failure, unreadable facts. */
import React from 'react';
import { Button, Inline, List, ListItem, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { Snapshot } from '../evaluator';
import type { Failure } from './api';
import {
  LABEL_ANY_DOMAIN,
  LABEL_EXTERNAL,
  LABEL_EXTERNAL_DOMAINS,
  LABEL_INTERNAL,
  sectionLabel,
} from './format';

export function Loading({ what }: { what: string }) {
  return (
    <Stack space="space.100" alignInline="start">
      <Spinner size="large" label={what} />
      <Text>{what}…</Text>
    </Stack>
  );
}

const FAILURE_TITLE: Record<Failure['code'], string> = {
  forbidden: "You don't have permission to do this",
  upstream: 'An Atlassian API did not answer',
  'invalid-input': 'Something in the form needs fixing',
  'not-found': 'Not found',
  conflict: 'Someone else saved these settings first',
  internal: 'Something went wrong in the app',
};

/** An error answer from the resolver, in words, with what to do. */
export function FailureMessage({
  failure,
  doing,
  onRetry,
  stillWorks = 'the settings you entered (Site settings), and the What if table of an answer already on the page, which runs on those entered facts.',
}: {
  failure: Failure;
  doing: string;
  onRetry?: () => void;
  /** What still works while Atlassian does not answer, completing "What still works meanwhile: …". */
  stillWorks?: string;
}) {
  return (
    <SectionMessage
      appearance={failure.code === 'upstream' ? 'warning' : 'error'}
      title={FAILURE_TITLE[failure.code]}
    >
      <Stack space="space.100">
        <Text>
          The app could not {doing}: {failure.message}
        </Text>
        {failure.code === 'upstream' ? (
          <Text>This is usually temporary. What still works meanwhile: {stillWorks}</Text>
        ) : null}
        {failure.code === 'conflict' ? (
          <Text>
            The facts table shows what is entered now. Your choices are still in the form: save again if they
            should replace what the other admin saved.
          </Text>
        ) : null}
        {onRetry ? (
          <Inline>
            <Button onClick={onRetry}>Try again</Button>
          </Inline>
        ) : null}
      </Stack>
    </SectionMessage>
  );
}

/** The whole page is refused: say who may use it and where to go instead. */
export function Forbidden({ page, message }: { page: 'admin' | 'project'; message: string }) {
  return (
    <SectionMessage appearance="error" title="You don't have permission to use this page">
      <Stack space="space.100">
        <Text>{message}</Text>
        {page === 'admin' ? (
          <Text>
            This page is for Jira administrators (the &quot;Administer Jira&quot; global permission). Project
            admins can check senders for their own project on the Customer Access Doctor page in the
            project&apos;s settings.
          </Text>
        ) : (
          <Text>
            This page is for administrators of this service project (the &quot;Administer projects&quot;
            permission). Ask a project admin or a Jira admin to check the sender for you.
          </Text>
        )}
      </Stack>
    </SectionMessage>
  );
}

/** The first read failed as a whole. */
export function LoadFailed({ failure, onRetry }: { failure: Failure; onRetry: () => void }) {
  return (
    <SectionMessage
      appearance="error"
      title={failure.code === 'upstream' ? "Couldn't read your site's settings" : FAILURE_TITLE[failure.code]}
    >
      <Stack space="space.100">
        <Text>{failure.message}</Text>
        <Text>
          Nothing on this page can work without that first read. Your site is not changed; try again in a
          minute.
        </Text>
        <Inline>
          <Button onClick={onRetry}>Try again</Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}

/** Some reads failed: which, and what still works. */
export function Unreadable({
  unreadable,
  snapshot,
  title = 'Some settings could not be read from Atlassian',
  stillWorks = 'What still works: you can check senders; answers that depend on these settings say Unknown and name the setting. Settings you enter are kept and used. Use Refresh on the Site settings tab to read again.',
}: {
  unreadable: Record<string, string>;
  snapshot: Snapshot;
  title?: string;
  stillWorks?: string;
}) {
  const entries = Object.entries(unreadable);
  if (!entries.length) return null;
  return (
    <SectionMessage appearance="warning" title={title}>
      <Stack space="space.100">
        <List type="unordered">
          {entries.map(([section, why]) => (
            <ListItem key={section}>
              <Text>
                {sectionLabel(section, snapshot)}: {why}
              </Text>
            </ListItem>
          ))}
        </List>
        <Text>{stillWorks}</Text>
      </Stack>
    </SectionMessage>
  );
}

/**
 * The facts the verdicts need that no one has entered yet (read live facts are not asked for), in
 * Atlassian's words; empty when nothing remains. `projects`: the service projects to ask about.
 */
export function missingFacts(snapshot: Snapshot, projects: string[]): string[] {
  const ca = snapshot.customerAccess ?? {};
  const missing: string[] = [];
  if (ca.internal === undefined) missing.push(`Customer access: "${LABEL_INTERNAL}"`);
  if (ca.external === undefined) missing.push(`Customer access: "${LABEL_EXTERNAL}"`);
  if (ca.external === true && ca.externalDomains === undefined) {
    missing.push(`Customer access: "${LABEL_EXTERNAL_DOMAINS}" and its domains`);
  }
  if (ca.accountCreation === undefined) missing.push('Customer access: Portal access');
  const ad = snapshot.approvedDomains;
  if (ca.internal !== false) {
    // Read live with an organization API key: each sender's own row is read when they are checked.
    const readLive = snapshot.sources?.approvedDomains?.kind === 'live';
    if (ad?.domains === undefined && !readLive)
      missing.push('Approved domains: the listed domains and their roles');
    if (ad?.anyDomain === undefined) missing.push(`Approved domains: the "${LABEL_ANY_DOMAIN}" row`);
  }
  // An address on the blocklist is always filtered: until it is entered, no answer can be Accepted.
  const channel = snapshot.emailChannel;
  if (channel?.blocklist === undefined) missing.push('Email requests: the blocklist');
  if (channel?.allowlist === undefined) missing.push('Email requests: the allowlist');
  const noAccess = projects.filter((k) => snapshot.projects?.[k]?.access === undefined);
  if (noAccess.length) {
    const names = noAccess.map((k) =>
      snapshot.projects?.[k]?.name ? `${snapshot.projects[k].name} (${k})` : k,
    );
    missing.push(
      `Customer permissions of ${names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')}`,
    );
  }
  return missing;
}

/** Whether the first-run guide shows: some fact the verdicts need is still not entered. */
export function isFirstRun(
  snapshot: Snapshot,
  projects: string[] = Object.keys(snapshot.projects ?? {}),
): boolean {
  return missingFacts(snapshot, projects).length > 0;
}

/** The first-run guide: what to enter, and where in Atlassian to find it. */
export function FirstRunGuide({
  page,
  onStart,
  missing = [],
}: {
  page: 'admin' | 'project';
  onStart?: () => void;
  /** What remains to be entered (missingFacts). */
  missing?: string[];
}) {
  const remaining = missing.length ? (
    <Stack space="space.050">
      <Text weight="bold">Still to enter ({missing.length}):</Text>
      <List type="unordered">
        {missing.map((m) => (
          <ListItem key={m}>
            <Text>{m}</Text>
          </ListItem>
        ))}
      </List>
    </Stack>
  ) : null;
  if (page === 'project') {
    return (
      <SectionMessage
        appearance="information"
        title="Some settings the answers need have not been entered yet"
      >
        <Stack space="space.100">
          <Text>
            Atlassian gives apps no way to read Customer access or this project&apos;s Customer permissions.
            Enter this project&apos;s Customer permissions below (Project settings &gt; Access &gt; Customer
            permissions); a Jira admin enters the site&apos;s Customer access once in Jira settings &gt; Apps
            &gt; Customer Access Doctor &gt; Site settings. Until then, checks answer Unknown where those
            settings decide, and say which one.
          </Text>
          {remaining}
        </Stack>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="information" title="Welcome: tell the app what Atlassian won't let it read">
      <Stack space="space.100">
        <Text>
          Customer Access Doctor explains why a customer&apos;s email to a service project is refused and what
          to change. Some settings have no API, so enter them once (it takes about five minutes):
        </Text>
        <List type="ordered">
          <ListItem>
            <Text>
              Customer access, from Settings &gt; Products &gt; Jira Service Management &gt; Customer access:
              &quot;{LABEL_INTERNAL}&quot;, &quot;{LABEL_EXTERNAL}&quot; with its domain list, and Portal
              access.
            </Text>
          </ListItem>
          <ListItem>
            <Text>
              Approved domains, from admin.atlassian.com &gt; Products &gt; User access settings &gt; Approved
              domains, or set an organization API key and the app reads them itself.
            </Text>
          </ListItem>
          <ListItem>
            <Text>
              Each service project&apos;s Customer permissions (Open or Restricted), from Project settings
              &gt; Access &gt; Customer permissions.
            </Text>
          </ListItem>
          <ListItem>
            <Text>The email allowlist and blocklist, from Project settings &gt; Email requests.</Text>
          </ListItem>
        </List>
        {remaining}
        <Text>
          You can check senders right away: where a missing setting decides, the answer says Unknown. This
          guide stays until every setting the answers need is entered.
        </Text>
        {onStart ? (
          <Inline>
            <Button appearance="primary" onClick={onStart}>
              Enter site settings
            </Button>
          </Inline>
        ) : null}
      </Stack>
    </SectionMessage>
  );
}
