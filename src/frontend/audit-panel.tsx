/** "Audit": risky or contradictory settings, each with why it matters and the fix. */
import React from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import { SettingsLink } from './fields';
import type { AuditWarning } from '../evaluator/audit';

const SEVERITY_WORD: Record<AuditWarning['severity'], string> = {
  risk: 'Risk',
  contradiction: 'Contradiction',
  note: 'Note',
  stale: 'Unconfirmed',
};

export function AuditPanel({ warnings, notes = [] }: { warnings: AuditWarning[]; notes?: string[] }) {
  return (
    <Stack space="space.200">
      {warnings.length ? (
        <Text>
          {warnings.length === 1
            ? '1 finding.'
            : `${warnings.length} findings, the ones that let strangers in first.`}
        </Text>
      ) : (
        <SectionMessage appearance="success" title="No risky or contradictory settings found">
          <Text>
            Nothing in the settings the app knows lets strangers in, contradicts itself, or is older than 90
            days without a confirmation.
          </Text>
        </SectionMessage>
      )}
      {notes.map((note) => (
        <Text key={note}>{note}</Text>
      ))}
      {warnings.map((w) => (
        <SectionMessage
          key={`${w.id}-${w.subject ?? ''}`}
          appearance={
            w.severity === 'risk' ? 'warning' : w.severity === 'stale' ? 'information' : 'discovery'
          }
          title={`${SEVERITY_WORD[w.severity]}: ${w.title}`}
        >
          <Stack space="space.100">
            <Text>Why it matters: {w.why}</Text>
            <Text>Fix: {w.fix}</Text>
            <Text>
              Where: {w.where}
              <SettingsLink link={w.link} />
            </Text>
          </Stack>
        </SectionMessage>
      ))}
    </Stack>
  );
}
