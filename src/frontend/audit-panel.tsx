/** "Audit": risky or contradictory settings, each with why it matters and the fix. */
import React from 'react';
import { SectionMessage, Stack, Text } from '@forge/react';
import { SettingsLink } from './fields';
import type { AuditWarning } from '../evaluator/audit';
import {
  AUDIT_NONE,
  AUDIT_NONE_TEXT,
  AUDIT_PART_LABEL,
  AUDIT_SEVERITY_LABEL,
  auditCountText,
} from '../evaluator/vocabulary';

export function AuditPanel({ warnings, notes = [] }: { warnings: AuditWarning[]; notes?: string[] }) {
  return (
    <Stack space="space.200">
      {warnings.length ? (
        <Text>{`${auditCountText(warnings.length)}.`}</Text>
      ) : (
        <SectionMessage appearance="success" title={AUDIT_NONE}>
          <Text>{AUDIT_NONE_TEXT}</Text>
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
          title={`${AUDIT_SEVERITY_LABEL[w.severity]}: ${w.title}`}
        >
          <Stack space="space.100">
            <Text>{`${AUDIT_PART_LABEL.why}: ${w.why}`}</Text>
            <Text>{`${AUDIT_PART_LABEL.fix}: ${w.fix}`}</Text>
            <Text>
              {`${AUDIT_PART_LABEL.where}: ${w.where}`}
              <SettingsLink link={w.link} />
            </Text>
          </Stack>
        </SectionMessage>
      ))}
    </Stack>
  );
}
