/** "Check a sender": an address (and, on the admin page, a service project), then the answer. */
import React, { useState } from 'react';
import { Box, Form, Inline, SectionMessage, Spinner, Stack, Text, xcss } from '@forge/react';
import { AddressError, parseAddress } from '../evaluator/address';
import { decisionMatrix } from '../evaluator/matrix';
import { diagnose } from '../evaluator/diagnose';
import { applyFix } from '../evaluator/patch';
import type { DecisionMatrix, Diagnosis, Snapshot } from '../evaluator';
import type { DiagnoseAnswer, ServiceDeskSummary } from '../backend/keys';
import { call, type Failure } from './api';
import { DiagnosisView } from './diagnosis-view';
import { FailureMessage } from './states';
import { readPasted } from './headers';
import { aboutOtherProject, type Reader } from './format';
import { ProjectSelect, SubmitRow, TextInput, useProjectChoice } from './fields';

export interface CheckPanelProps {
  snapshot: Snapshot;
  serviceDesks: ServiceDeskSummary[];
  /** The project page's project: no choice offered, every check goes to it. */
  fixedProject?: { key: string; name?: string };
  /** Where the settings an answer lacks are entered (default: the Site settings tab). */
  enterWhere?: string;
  /** Who reads the answers (default: a Jira admin). */
  reader?: Reader;
  /** The organization id, for admin.atlassian.com links (admin page only). */
  orgId?: string;
  now?: number;
}

/** Two fields side by side: the answer starts higher, above the fold of a 1366×768 screen. */
const HALF = xcss({ width: '50%' });

const EMAIL_LABEL = "Sender's email address";
const MESSAGE_LABEL = 'The email or its headers (optional)';

/** Why the text is not one address, in words for the field, or null when it is one. */
export function addressProblem(text: string): string | null {
  try {
    parseAddress(text);
    return null;
  } catch (error) {
    if (error instanceof AddressError)
      return `${EMAIL_LABEL}: enter one email address, such as jane@example.com (${error.reason}).`;
    return `${EMAIL_LABEL}: enter one email address, such as jane@example.com.`;
  }
}

/** What each fix would give, replayed in the browser on the snapshot the answer was made on. */
export function afterFixes(
  snapshot: Snapshot,
  diagnosis: DiagnoseAnswer,
  headers?: Record<string, string>,
): (Diagnosis['inbound'] | null)[] {
  return diagnosis.inbound.fixes.map((fix) => {
    try {
      return diagnose(applyFix(snapshot, fix), diagnosis.email, {
        project: diagnosis.project ?? undefined,
        headers,
        fixes: false,
      }).inbound;
    } catch {
      return null;
    }
  });
}

function localMatrix(snapshot: Snapshot, email: string, project: string): DecisionMatrix | null {
  try {
    return decisionMatrix(snapshot, email, { project });
  } catch {
    return null;
  }
}

export function CheckPanel({
  snapshot,
  serviceDesks,
  fixedProject,
  enterWhere,
  reader = 'jira-admin',
  orgId,
  now,
}: CheckPanelProps) {
  const projects = useProjectChoice(serviceDesks);
  const [email, setEmail] = useState('');
  const [headersText, setHeadersText] = useState('');
  const [headersError, setHeadersError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{
    typed: string;
    diagnosis: DiagnoseAnswer;
    snapshot: Snapshot;
    matrix: DecisionMatrix | null;
    after: (Diagnosis['inbound'] | null)[];
  } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const check = async () => {
    const pasted = await readPasted(headersText);
    const typedEmail = email.trim();
    // The sender: the address typed, else the pasted email's From.
    const sender = typedEmail || pasted.from || '';
    let problem: string | null = null;
    if (!sender) {
      problem = pasted.error
        ? `${EMAIL_LABEL}: enter the sender's address, or paste an email with a From line.`
        : addressProblem(sender);
    } else if (typedEmail && pasted.from && addressProblem(pasted.from) === null) {
      const a = parseAddress(typedEmail);
      const b = parseAddress(pasted.from);
      if (a.email !== b.email)
        problem = `${EMAIL_LABEL}: ${typedEmail} is not the pasted email's sender (From: ${pasted.from}). Clear one of the two.`;
    }
    problem ??= addressProblem(sender);
    if (problem && !typedEmail && pasted.from)
      problem = `${MESSAGE_LABEL}: its From address is not usable. ${problem}`;
    const projectKey =
      fixedProject?.key ?? projects.require('Service project the email is sent to: choose one.');
    setEmailError(problem);
    setHeadersError(pasted.error ? `${MESSAGE_LABEL}: ${pasted.error}` : null);
    const headers = pasted.headers;
    if (problem || !projectKey || pasted.error) {
      // The answer below is about another address: it goes, so it is never read as this one's.
      setAnswer(null);
      setFailure(null);
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await call('diagnose', {
      email: sender,
      projectKey,
      ...(Object.keys(headers).length ? { headers } : {}),
    });
    const sent = Object.keys(headers).length ? headers : undefined;
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'invalid-input' && (result.error.field ?? 'email') === 'email') {
        setEmailError(result.error.message);
      } else if (result.error.code === 'invalid-input' && result.error.field === 'projectKey') {
        projects.setError(result.error.message);
      } else {
        setFailure(result.error);
      }
      setAnswer(null);
      return;
    }
    const diagnosis = result.data;
    // The answer carries the snapshot it was made on (with this sender's account): prefer it.
    const used = diagnosis.snapshot ?? snapshot;
    setAnswer({
      typed: sender,
      diagnosis,
      snapshot: used,
      matrix: diagnosis.matrix ?? localMatrix(used, diagnosis.email, diagnosis.project ?? projectKey),
      after: diagnosis.snapshot ? afterFixes(diagnosis.snapshot, diagnosis, sent) : [],
    });
  };

  return (
    <Stack space="space.200">
      <Form onSubmit={check}>
        <Stack space="space.150">
          <Inline space="space.200" alignBlock="start">
            <Box xcss={HALF}>
              <TextInput
                id="sender-email"
                label={EMAIL_LABEL}
                placeholder="jane@example.com"
                value={email}
                error={emailError}
                helper="As the email log shows it; leave empty when you paste the email."
                onChange={(value) => {
                  setEmail(value);
                  if (emailError) setEmailError(null);
                }}
              />
            </Box>
            <Box xcss={HALF}>
              {fixedProject ? (
                <Stack space="space.050">
                  <Text weight="bold">Service project</Text>
                  <Text>
                    {fixedProject.name ? `${fixedProject.name} (${fixedProject.key})` : fixedProject.key}
                  </Text>
                </Stack>
              ) : (
                <ProjectSelect
                  id="sender-project"
                  label="Service project the email is sent to"
                  options={projects.options}
                  value={projects.project}
                  error={projects.error}
                  onChange={projects.choose}
                />
              )}
            </Box>
          </Inline>
          <TextInput
            id="sender-headers"
            label={MESSAGE_LABEL}
            rows={2}
            value={headersText}
            error={headersError}
            placeholder={'From: Jane <jane@example.com>\nAuto-Submitted: auto-replied'}
            helper="The refused email as the email log's download gives it, or its headers: the sender comes from From, and the filters (auto-replies, bulk mail, delivery reports, DMARC) are checked too."
            onChange={(value) => {
              setHeadersText(value);
              if (headersError) setHeadersError(null);
            }}
          />
          <SubmitRow busy={busy}>Check sender</SubmitRow>
        </Stack>
      </Form>
      {busy ? (
        <Stack space="space.100">
          <Spinner label="Checking the sender" />
          <Text>Checking…</Text>
        </Stack>
      ) : null}
      {failure ? (
        <FailureMessage
          failure={failure}
          doing="check this sender"
          {...(fixedProject
            ? {
                stillWorks:
                  "this project's settings below (you can enter them), and the What if table of an answer already on the page, which runs on the entered facts.",
              }
            : {})}
          onRetry={
            failure.code === 'upstream' || failure.code === 'internal' ? () => void check() : undefined
          }
        />
      ) : null}
      {!busy && answer ? (
        <DiagnosisView
          diagnosis={answer.diagnosis}
          matrix={answer.matrix}
          snapshot={answer.snapshot}
          after={answer.after}
          unreadable={Object.fromEntries(
            Object.entries(answer.diagnosis.snapshot?.unreadable ?? {}).filter(
              ([section]) => !fixedProject || !aboutOtherProject(section, fixedProject.key),
            ),
          )}
          enterWhere={enterWhere}
          reader={reader}
          orgId={orgId}
          typed={answer.typed}
          now={now}
        />
      ) : null}
      {!busy && !answer && !failure ? (
        <SectionMessage appearance="information" title="How this works">
          <Text>
            Type the address of a customer whose email was refused (or who wonders why they got no
            invitation), or paste the email itself. The app replays Jira&apos;s checks with your site&apos;s
            settings and tells you what the email log will say, why, the smallest change that fixes it and who
            can make it.
          </Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
