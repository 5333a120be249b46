/** "Check many": paste addresses or an email-log CSV; a table by verdict and cause, with counts. */
import React, { useState } from 'react';
import {
  DynamicTable,
  Form,
  Heading,
  Inline,
  List,
  ListItem,
  Lozenge,
  Spinner,
  Stack,
  Text,
} from '@forge/react';
import type { BulkReport } from '../evaluator';
import type { ServiceDeskSummary } from '../backend/keys';
import { call, type Failure } from './api';
import { VERDICT_APPEARANCE, VERDICT_LABEL, causeLabel } from './format';
import { FailureMessage } from './states';
import { ProjectSelect, SubmitRow, TextInput, useProjectChoice } from './fields';

/** The largest number of addresses shown in one cell before "and N more". */
const EMAILS_SHOWN = 10;
/** The largest number of lines that are not an address listed one by one. */
const INVALID_SHOWN = 50;

export function BulkReportView({ report }: { report: BulkReport }) {
  const invalid = report.lines.filter((l): l is { input: string; error: string } => 'error' in l);
  const total = report.lines.length;
  return (
    <Stack space="space.200">
      <Heading as="h3" size="medium">
        {total} {total === 1 ? 'line' : 'lines'} checked
      </Heading>
      <Inline space="space.100" shouldWrap>
        {(['accepted', 'rejected', 'unknown'] as const).map((v) => (
          <Lozenge key={v} appearance={VERDICT_APPEARANCE[v]}>
            {`${VERDICT_LABEL[v]}: ${report.counts[v] ?? 0}`}
          </Lozenge>
        ))}
        <Lozenge appearance="default">{`Not an address: ${report.counts.invalid ?? 0}`}</Lozenge>
      </Inline>
      <DynamicTable
        caption="Senders by verdict and cause"
        label="Senders by verdict and cause"
        head={{
          cells: [
            { key: 'verdict', content: 'Verdict' },
            { key: 'cause', content: 'Cause' },
            { key: 'log', content: 'Email log line' },
            { key: 'count', content: 'Count' },
            { key: 'emails', content: 'Addresses' },
          ],
        }}
        rows={report.groups.map((g, index) => ({
          key: `group-${index}`,
          cells: [
            {
              key: 'verdict',
              content: (
                <Lozenge appearance={VERDICT_APPEARANCE[g.verdict]}>{VERDICT_LABEL[g.verdict]}</Lozenge>
              ),
            },
            {
              key: 'cause',
              content: g.cause ? causeLabel(g.cause) : g.verdict === 'accepted' ? 'Gets through' : '—',
            },
            { key: 'log', content: g.log ?? '—' },
            { key: 'count', content: String(g.count) },
            {
              key: 'emails',
              content:
                g.emails.slice(0, EMAILS_SHOWN).join(', ') +
                (g.emails.length > EMAILS_SHOWN ? ` and ${g.emails.length - EMAILS_SHOWN} more` : ''),
            },
          ],
        }))}
      />
      {invalid.length ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            Lines that are not an address
          </Heading>
          <List type="unordered">
            {invalid.slice(0, INVALID_SHOWN).map((l, index) => (
              <ListItem key={`invalid-${index}`}>
                <Text>
                  {l.input || '(empty)'}: {l.error}
                </Text>
              </ListItem>
            ))}
          </List>
          {invalid.length > INVALID_SHOWN ? (
            <Text>{`And ${invalid.length - INVALID_SHOWN} more lines that are not an address.`}</Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function BulkPanel({ serviceDesks }: { serviceDesks: ServiceDeskSummary[] }) {
  const projects = useProjectChoice(serviceDesks);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const run = async () => {
    const empty = !text.trim();
    setTextError(empty ? 'Paste at least one address.' : null);
    const projectKey = projects.require('Choose the service project the emails were sent to.');
    if (empty || !projectKey) return;
    setBusy(true);
    setFailure(null);
    const answer = await call('diagnoseBulk', { text, projectKey });
    setBusy(false);
    if (answer.ok) {
      setReport(answer.data);
    } else if (answer.error.code === 'invalid-input' && answer.error.field === 'text') {
      setTextError(answer.error.message);
      setReport(null);
    } else {
      setFailure(answer.error);
      setReport(null);
    }
  };

  return (
    <Stack space="space.300">
      <Form onSubmit={run}>
        <Stack space="space.150">
          <TextInput
            id="bulk-text"
            label="Addresses or an email log export"
            rows={6}
            value={text}
            error={textError}
            placeholder={'jane@acme.com\ndan@contractor.io'}
            helper={
              'One address per line, or paste a CSV whose first row has an "email" column, such as an export of ' +
              "the project's email log."
            }
            onChange={setText}
          />
          <ProjectSelect
            id="bulk-project"
            label="Service project the emails were sent to"
            options={projects.options}
            value={projects.project}
            error={projects.error}
            onChange={projects.choose}
          />
          <SubmitRow busy={busy}>Check all</SubmitRow>
        </Stack>
      </Form>
      {busy ? <Spinner label="Checking the addresses" /> : null}
      {failure ? <FailureMessage failure={failure} doing="check these addresses" /> : null}
      {!busy && report ? <BulkReportView report={report} /> : null}
    </Stack>
  );
}
