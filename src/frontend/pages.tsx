/** The two pages: the Jira admin page and a service project's settings page. */
import React, { useState } from 'react';
import { Box, Heading, Stack, Tab, TabList, TabPanel, Tabs, Text } from '@forge/react';
import type { Snapshot } from '../evaluator';
import type { AppState, ServiceDeskSummary } from '../backend/keys';
import { call } from './api';
import { aboutOtherProject } from './format';
import { auditSnapshot, notAudited } from '../evaluator/audit';
import { AuditPanel } from './audit-panel';
import { BulkPanel } from './bulk-panel';
import { CheckPanel } from './check-panel';
import { ConfirmButton, FactsTable, ProjectAccessForm, SiteSettings, factRows, type Apply } from './settings';
import { FirstRunGuide, Unreadable, missingFacts } from './states';

export interface PageProps {
  appState: AppState;
  setAppState: (state: AppState) => void;
  now?: number;
}

const INTRO =
  "Find out why a customer's email to a service project is refused, which invitation an invite sends, and the smallest change that fixes it.";

/** The title, what the page is for, reads that failed, and the first-run guide. */
function PageTop({
  page,
  more,
  unreadable,
  snapshot,
  guide,
  missing,
}: {
  page: 'admin' | 'project';
  more?: string;
  unreadable: Record<string, string>;
  snapshot: Snapshot;
  guide: React.ReactNode;
  missing: string[];
}) {
  return (
    <>
      <Stack space="space.100">
        <Heading as="h2" size="large">
          Customer Access Doctor
        </Heading>
        <Text>{more ? `${INTRO} ${more}` : INTRO}</Text>
      </Stack>
      <Unreadable
        unreadable={unreadable}
        snapshot={snapshot}
        {...(page === 'project'
          ? {
              stillWorks:
                'What still works: you can check senders; answers that depend on these settings say Unknown and name the setting. Reload the page to read again.',
            }
          : {})}
      />
      {missing.length ? guide : null}
    </>
  );
}

/** Runs a settings key and, when it succeeds, shows the app state it answers. */
function applyWith(setAppState: (state: AppState) => void): Apply {
  return async (key, payload) => {
    const answer = await call(key, payload);
    if (answer.ok) setAppState(answer.data);
    else if (answer.error.code === 'conflict') {
      // Someone else saved first: show what is entered now (the form keeps this admin's choices).
      const now = await call('getAppState', {});
      if (now.ok) setAppState(now.data);
    }
    return answer;
  };
}

/** The service desks to offer: the site's, or (when they could not be read) the snapshot's projects. */
export function desksToOffer(appState: AppState): ServiceDeskSummary[] {
  if (appState.serviceDesks.length) return appState.serviceDesks;
  return Object.entries(appState.snapshot.projects ?? {}).map(([key, p]) => ({
    id: key,
    projectId: key,
    projectKey: key,
    projectName: p.name ?? key,
  }));
}

export function AdminPage({ appState, setAppState, now }: PageProps) {
  const [tab, setTab] = useState(0);
  const { snapshot } = appState;
  const desks = desksToOffer(appState);
  const apply = applyWith(setAppState);
  const warnings = auditSnapshot(snapshot, { now, stale: appState.stale });
  const unreadable = { ...(snapshot.unreadable ?? {}), ...appState.unreadable };
  const missing = missingFacts(
    snapshot,
    desks.map((d) => d.projectKey),
  );
  return (
    <Stack space="space.300">
      <PageTop
        page="admin"
        unreadable={unreadable}
        snapshot={snapshot}
        missing={missing}
        guide={<FirstRunGuide page="admin" missing={missing} onStart={() => setTab(1)} />}
      />
      <Tabs id="customer-access-doctor-tabs" selected={tab} onChange={(index: number) => setTab(index)}>
        <TabList>
          <Tab>Check a sender</Tab>
          <Tab>Site settings</Tab>
          <Tab>Check many</Tab>
          <Tab>{warnings.length ? `Audit (${warnings.length})` : 'Audit'}</Tab>
        </TabList>
        <TabPanel>
          <Box paddingBlockStart="space.200">
            <CheckPanel
              snapshot={snapshot}
              serviceDesks={desks}
              reader="jira-admin"
              orgId={appState.adminApi.orgId}
              now={now}
            />
          </Box>
        </TabPanel>
        <TabPanel>
          <Box paddingBlockStart="space.200">
            <SiteSettings appState={appState} apply={apply} now={now} />
          </Box>
        </TabPanel>
        <TabPanel>
          <Box paddingBlockStart="space.200">
            <BulkPanel serviceDesks={desks} />
          </Box>
        </TabPanel>
        <TabPanel>
          <Box paddingBlockStart="space.200">
            <AuditPanel warnings={warnings} notes={notAudited(snapshot)} />
          </Box>
        </TabPanel>
      </Tabs>
    </Stack>
  );
}

/** The snapshot with every project but one removed (the page shows nothing about other projects). */
export function onlyProject(snapshot: Snapshot, projectKey: string): Snapshot {
  const own = snapshot.projects?.[projectKey];
  const mine = ([section]: [string, unknown]) => !aboutOtherProject(section, projectKey);
  const sources = Object.fromEntries(Object.entries(snapshot.sources ?? {}).filter(mine));
  const unreadable = Object.fromEntries(Object.entries(snapshot.unreadable ?? {}).filter(mine));
  return {
    ...snapshot,
    projects: own ? { [projectKey]: own } : snapshot.projects ? {} : undefined,
    sources,
    unreadable,
  };
}

export function ProjectPage({ appState, setAppState, projectKey, now }: PageProps & { projectKey: string }) {
  const apply = applyWith(setAppState);
  const snapshot = onlyProject(appState.snapshot, projectKey);
  const desks = desksToOffer(appState).filter((d) => d.projectKey === projectKey);
  const name = snapshot.projects?.[projectKey]?.name ?? desks[0]?.projectName;
  const unreadable = Object.fromEntries(
    Object.entries({ ...(snapshot.unreadable ?? {}), ...appState.unreadable }).filter(
      ([section]) => !aboutOtherProject(section, projectKey),
    ),
  );
  const label = name ? `${name} (${projectKey})` : projectKey;
  const missing = missingFacts(snapshot, [projectKey]);
  return (
    <Stack space="space.300">
      <PageTop
        page="project"
        more={`Checks on this page go to ${label}. A Jira admin changes the site-wide settings in Jira settings > Apps > Customer Access Doctor.`}
        unreadable={unreadable}
        snapshot={snapshot}
        missing={missing}
        guide={<FirstRunGuide page="project" missing={missing} />}
      />
      <Stack space="space.200">
        <Heading as="h3" size="medium">
          Check a sender
        </Heading>
        <CheckPanel
          snapshot={snapshot}
          serviceDesks={desks}
          fixedProject={{ key: projectKey, name }}
          enterWhere="by a Jira admin in Jira settings > Apps > Customer Access Doctor > Site settings"
          reader="project-admin"
          now={now}
        />
      </Stack>
      <Stack space="space.200">
        <Heading as="h3" size="medium">
          Check many
        </Heading>
        <BulkPanel
          serviceDesks={desks}
          fixedProject={{ key: projectKey, name }}
          enterWhere="by a Jira admin in Jira settings > Apps > Customer Access Doctor > Site settings"
          now={now}
        />
      </Stack>
      <Stack space="space.200">
        <Heading as="h3" size="medium">
          This project&apos;s settings
        </Heading>
        <FactsTable
          snapshot={snapshot}
          rows={factRows(snapshot, { projects: [projectKey], site: false })}
          caption={`Settings of ${label}`}
          now={now}
        />
        <ProjectAccessForm snapshot={snapshot} projectKey={projectKey} projectName={name} apply={apply} />
        <ConfirmButton snapshot={snapshot} section={`projects.${projectKey}`} apply={apply} />
      </Stack>
      <Stack space="space.200">
        <Heading as="h3" size="medium">
          Site settings that affect this project (read-only)
        </Heading>
        <FactsTable
          snapshot={snapshot}
          rows={factRows(snapshot, { projects: [], approvedDomainList: false })}
          caption="Site-wide settings"
          now={now}
        />
      </Stack>
    </Stack>
  );
}
