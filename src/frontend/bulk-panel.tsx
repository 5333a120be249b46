/**
 * "Check many": paste addresses or an email-log export, of any length. The page reads the rows
 * itself (address-list.ts), sends the addresses to the resolver in batches, merges the answers and
 * summarises them with the one summarize of the evaluator (summary.ts): groups by verdict then
 * cause, each with its first fix and who makes it; any address opens in full; the results as CSV.
 */
import React, { useRef, useState } from 'react';
import {
  Box,
  Button,
  DynamicTable,
  Form,
  Heading,
  Inline,
  Label,
  List,
  ListItem,
  Lozenge,
  ProgressBar,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Text,
  TextArea,
} from '@forge/react';
import { readAddressRows } from '../evaluator/address-list';
import {
  BULK_BATCH_LINES,
  batchText,
  resultsCsv,
  summarize,
  type BulkGroup,
  type BulkLine,
  type BulkSummary,
} from '../evaluator/summary';
import type { DiagnoseAnswer, ServiceDeskSummary } from '../backend/keys';
import { call, type Failure } from './api';
import { DiagnosisView } from './diagnosis-view';
import { VERDICT_APPEARANCE, VERDICT_LABEL, causeLabel } from './format';
import {
  bulkGroupText,
  count,
  fixForText,
  NOT_AN_ADDRESS,
  notAnAddressText,
  plural,
  repeatedText,
  WHO_CELL,
} from '../evaluator/vocabulary';
import { FailureMessage } from './states';
import { ProjectSelect, SubmitRow, TextInput, useProjectChoice } from './fields';

/** The largest number of addresses shown in one cell before "and N more". */
const EMAILS_SHOWN = 10;

function groupFix(g: BulkGroup, enterWhere: string): string {
  if (!g.fix) {
    if (g.verdict === 'accepted') return 'Nothing to fix';
    if (g.verdict === 'unknown')
      return `None yet: enter the settings it turns on ${enterWhere}, then check again.`;
    return '—';
  }
  const forWhom = fixForText(g) ? ` (${fixForText(g)})` : '';
  const risky = g.fix.risky ? ` Risky: also lets in ${g.fix.letsIn}.` : '';
  return `${g.fix.action}${forWhom}. Where: ${g.fix.where}.${risky}`;
}

export function resultsAsCsv(lines: BulkLine[]): string {
  return resultsCsv(lines, { verdict: (v) => VERDICT_LABEL[v], cause: causeLabel });
}

export function BulkSummaryView({
  summary,
  lines,
  onOpen,
  enterWhere = 'on the Site settings tab',
}: {
  summary: BulkSummary;
  lines: BulkLine[];
  onOpen?: (email: string) => void;
  /** Where missing settings are entered, completing "enter the settings it turns on …". */
  enterWhere?: string;
}) {
  const addresses = summary.groups.flatMap((g) =>
    g.emails.map((email) => ({ label: `${email} (${VERDICT_LABEL[g.verdict]})`, value: email })),
  );
  return (
    <Stack space="space.200">
      <Heading as="h3" size="medium">
        {plural(summary.total, 'line')} checked
      </Heading>
      <Inline space="space.100" shouldWrap>
        {(['rejected', 'unknown', 'accepted'] as const).map((v) => (
          <Lozenge key={v} appearance={VERDICT_APPEARANCE[v]}>
            {`${VERDICT_LABEL[v]}: ${count(summary.counts[v])}`}
          </Lozenge>
        ))}
        <Lozenge appearance="default">{`${NOT_AN_ADDRESS}: ${count(summary.counts.invalid)}`}</Lozenge>
      </Inline>
      {summary.repeated > 0 ? <Text>{repeatedText(summary.repeated)}</Text> : null}
      {summary.groups.length ? (
        <DynamicTable
          caption="Senders by verdict and cause"
          label="Senders by verdict and cause"
          head={{
            cells: [
              { key: 'verdict', content: 'Verdict' },
              { key: 'cause', content: 'Cause' },
              { key: 'log', content: 'Email log line' },
              { key: 'emails', content: 'Addresses' },
              { key: 'fix', content: 'First fix' },
              { key: 'who', content: 'Who makes it' },
            ],
          }}
          rows={summary.groups.map((g) => ({
            key: `${g.verdict}-${g.key}`,
            cells: [
              {
                key: 'verdict',
                content: (
                  <Lozenge appearance={VERDICT_APPEARANCE[g.verdict]}>{VERDICT_LABEL[g.verdict]}</Lozenge>
                ),
              },
              { key: 'cause', content: bulkGroupText(g) },
              { key: 'log', content: g.log ?? '—' },
              {
                key: 'emails',
                content:
                  `${plural(g.count, 'address', 'addresses')}: ` +
                  g.emails.slice(0, EMAILS_SHOWN).join(', ') +
                  (g.emails.length > EMAILS_SHOWN
                    ? ` and ${count(g.emails.length - EMAILS_SHOWN)} more`
                    : ''),
              },
              { key: 'fix', content: groupFix(g, enterWhere) },
              { key: 'who', content: g.who ? WHO_CELL[g.who] : '—' },
            ],
          }))}
        />
      ) : null}
      {onOpen && addresses.length ? (
        <Box>
          <Label labelFor="bulk-open">Open one address in full</Label>
          <Select
            inputId="bulk-open"
            name="bulk-open"
            options={addresses}
            value={null}
            placeholder="Choose an address to see its whole answer"
            onChange={(option: { value: string } | null) => (option ? onOpen(option.value) : undefined)}
          />
        </Box>
      ) : null}
      {summary.invalid.length ? (
        <Stack space="space.100">
          <Heading as="h4" size="small">
            {`Lines that are not an address (${count(summary.invalid.length)})`}
          </Heading>
          <List type="unordered">
            {summary.invalid.map((l, index) => (
              <ListItem key={`invalid-${index}`}>
                <Text>{notAnAddressText(l)}</Text>
              </ListItem>
            ))}
          </List>
        </Stack>
      ) : null}
      <Box>
        <Label labelFor="bulk-csv">The results as CSV</Label>
        <TextArea
          id="bulk-csv"
          name="bulk-csv"
          value={resultsAsCsv(lines)}
          isReadOnly
          isMonospaced
          minimumRows={4}
          maxHeight="12rem"
        />
        <Text>
          One row per line, in the order pasted. Select all in the box (Ctrl+A or ⌘A), copy, and paste into a
          spreadsheet.
        </Text>
      </Box>
    </Stack>
  );
}

interface Run {
  projectKey: string;
  rows: ReturnType<typeof readAddressRows>;
  /** The answer for each row (input order); undefined until answered. */
  answers: (BulkLine | undefined)[];
  /** Indexes of the rows the resolver answers, in batches. */
  pending: number[];
  /** How many of `pending` are answered. */
  done: number;
}

export function BulkPanel({
  serviceDesks,
  fixedProject,
  enterWhere,
  now,
}: {
  serviceDesks: ServiceDeskSummary[];
  /** The project page: checks go to its own project, with no choice. */
  fixedProject?: { key: string; name?: string };
  enterWhere?: string;
  now?: number;
}) {
  const projects = useProjectChoice(serviceDesks);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ answered: number; checking: number; total: number } | null>(
    null,
  );
  const [lines, setLines] = useState<BulkLine[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [opened, setOpened] = useState<{ email: string; answer?: DiagnoseAnswer; failure?: Failure } | null>(
    null,
  );
  const current = useRef<Run | null>(null);

  const show = (run: Run) => setLines(run.answers.filter((a): a is BulkLine => a !== undefined));

  const go = async (run: Run) => {
    setFailure(null);
    while (run.done < run.pending.length) {
      const batch = run.pending.slice(run.done, run.done + BULK_BATCH_LINES);
      setProgress({ answered: run.done, checking: run.done + batch.length, total: run.pending.length });
      const answer = await call('diagnoseBulk', {
        text: batchText(batch.map((i) => run.rows[i].input)),
        projectKey: run.projectKey,
      });
      if (current.current !== run) return;
      if (!answer.ok) {
        setProgress(null);
        show(run);
        if (answer.error.code === 'invalid-input' && answer.error.field === 'projectKey')
          projects.setError(answer.error.message);
        else setFailure(answer.error);
        return;
      }
      const answered = new Set<number>();
      for (const l of answer.data.lines) {
        const index = l.line === undefined ? undefined : batch[l.line - 2];
        if (index === undefined) continue;
        const row = run.rows[index];
        run.answers[index] = { ...l, input: row.input, line: row.line };
        answered.add(index);
      }
      for (const index of batch) {
        if (!answered.has(index)) {
          const row = run.rows[index];
          run.answers[index] = {
            input: row.input,
            line: row.line,
            error: 'the app gave no answer for this line',
          };
        }
      }
      run.done += batch.length;
      show(run);
    }
    setProgress(null);
  };

  const start = async () => {
    const empty = !text.trim();
    setTextError(empty ? 'Paste at least one address.' : null);
    const projectKey =
      fixedProject?.key ?? projects.require('Choose the service project the emails were sent to.');
    setOpened(null);
    if (empty || !projectKey) {
      setLines(null);
      setFailure(null);
      return;
    }
    const rows = readAddressRows(text);
    const run: Run = {
      projectKey,
      rows,
      answers: rows.map((r) =>
        r.error === undefined ? undefined : { input: r.input, line: r.line, error: r.error },
      ),
      pending: rows.flatMap((r, i) => (r.error === undefined ? [i] : [])),
      done: 0,
    };
    current.current = run;
    setLines([]);
    // Batches go on in the background; the page shows their progress.
    void go(run);
  };

  const open = async (email: string) => {
    const projectKey = current.current?.projectKey;
    if (!projectKey) return;
    setOpened({ email });
    const answer = await call('diagnose', { email, projectKey });
    setOpened(answer.ok ? { email, answer: answer.data } : { email, failure: answer.error });
  };

  const busy = progress !== null;
  const run = current.current;
  const summary = lines ? summarize(lines) : null;
  return (
    <Stack space="space.300">
      <Form onSubmit={start}>
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
              `the project's email log. Any number of lines: the app checks them ${BULK_BATCH_LINES} at a time and shows how far it is.`
            }
            onChange={setText}
          />
          {fixedProject ? null : (
            <ProjectSelect
              id="bulk-project"
              label="Service project the emails were sent to"
              options={projects.options}
              value={projects.project}
              error={projects.error}
              onChange={projects.choose}
            />
          )}
          <SubmitRow busy={busy}>Check all</SubmitRow>
        </Stack>
      </Form>
      {progress ? (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <Spinner label="Checking the addresses" size="small" />
            <Text>{`Checking ${count(progress.checking)} of ${plural(progress.total, 'address', 'addresses')}…`}</Text>
          </Inline>
          <ProgressBar
            ariaLabel="Addresses checked"
            value={progress.total ? progress.answered / progress.total : 0}
          />
        </Stack>
      ) : null}
      {failure && run ? (
        <Stack space="space.100">
          <FailureMessage
            failure={failure}
            doing={`check the addresses after the first ${count(run.done)}`}
            onRetry={() => void go(run)}
          />
          <Text>{`${count(run.done)} of ${plural(run.pending.length, 'address', 'addresses')} were checked before this; their results are below.`}</Text>
        </Stack>
      ) : null}
      {summary && lines && (lines.length > 0 || !busy) ? (
        <BulkSummaryView
          summary={summary}
          lines={lines}
          onOpen={busy ? undefined : (e) => void open(e)}
          enterWhere={enterWhere}
        />
      ) : null}
      {opened ? (
        <Stack space="space.200">
          <Inline space="space.100" alignBlock="center" spread="space-between">
            <Heading as="h3" size="medium">{`${opened.email} in full`}</Heading>
            <Button onClick={() => setOpened(null)}>Close</Button>
          </Inline>
          {opened.answer ? (
            <DiagnosisView
              diagnosis={opened.answer}
              matrix={opened.answer.matrix ?? null}
              snapshot={opened.answer.snapshot ?? { format: 'customer-access-doctor/snapshot', version: 1 }}
              unreadable={opened.answer.snapshot?.unreadable ?? {}}
              enterWhere={enterWhere}
              now={now}
            />
          ) : opened.failure ? (
            <FailureMessage
              failure={opened.failure}
              doing={`check ${opened.email}`}
              onRetry={() => void open(opened.email)}
            />
          ) : (
            <Spinner label={`Checking ${opened.email}`} />
          )}
        </Stack>
      ) : null}
      {!busy && !lines && !failure ? (
        <SectionMessage appearance="information" title="How this works">
          <Text>
            {`Paste a list of senders, or an export of the email log. Each address is checked as Check a sender does, ${BULK_BATCH_LINES} at a time; the results come grouped by verdict and cause, with the first fix and who makes it, and as CSV to take away.`}
          </Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
