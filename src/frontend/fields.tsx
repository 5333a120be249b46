/** Form pieces every tab uses: a labelled field with its message, the project picker, a submit row. */
import React, { useState } from 'react';
import {
  Box,
  Button,
  ErrorMessage,
  FormFooter,
  HelperMessage,
  Label,
  Link,
  Select,
  TextArea,
  Textfield,
} from '@forge/react';
import type { ServiceDeskSummary } from '../backend/keys';

export interface TextInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field, and marks it invalid. */
  error?: string | null;
  /** Shown under the field when there is no error. */
  helper?: string;
  placeholder?: string;
  type?: 'text' | 'password';
  /** A TextArea with this many rows instead of a one-line field. */
  rows?: number;
}

export function TextInput({
  id,
  label,
  value,
  onChange,
  error,
  helper,
  placeholder,
  type,
  rows,
}: TextInputProps) {
  const common = {
    id,
    name: id,
    value,
    placeholder,
    isInvalid: !!error,
    onChange: (event: { target: { value?: unknown } }) => onChange(String(event.target.value ?? '')),
  };
  return (
    <Box>
      <Label labelFor={id}>{label}</Label>
      {rows ? <TextArea {...common} minimumRows={rows} /> : <Textfield {...common} type={type} />}
      {error ? <ErrorMessage>{error}</ErrorMessage> : helper ? <HelperMessage>{helper}</HelperMessage> : null}
    </Box>
  );
}

export interface ProjectOption {
  label: string;
  value: string;
}

export function projectOptions(desks: ServiceDeskSummary[]): ProjectOption[] {
  return desks.map((d) => ({ label: `${d.projectName} (${d.projectKey})`, value: d.projectKey }));
}

/** The chosen service project and its error; one service project is chosen from the start. */
export function useProjectChoice(desks: ServiceDeskSummary[]) {
  const options = projectOptions(desks);
  const [project, setProject] = useState<ProjectOption | null>(options.length === 1 ? options[0] : null);
  const [error, setError] = useState<string | null>(null);
  /** The chosen key, or null after putting `message` on the field. */
  const require = (message: string): string | null => {
    setError(project ? null : message);
    return project?.value ?? null;
  };
  const choose = (option: ProjectOption | null) => {
    setProject(option);
    if (option) setError(null);
  };
  return { options, project, error, setError, require, choose };
}

export function ProjectSelect({
  id,
  label,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  options: ProjectOption[];
  value: ProjectOption | null;
  onChange: (option: ProjectOption | null) => void;
  error?: string | null;
}) {
  return (
    <Box>
      <Label labelFor={id}>{label}</Label>
      <Select
        inputId={id}
        name={id}
        options={options}
        value={value}
        placeholder={options.length ? 'Choose a service project' : 'No service projects found'}
        isInvalid={!!error}
        onChange={(option: ProjectOption | null) => onChange(option)}
      />
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
    </Box>
  );
}

export function SubmitRow({
  busy,
  primary = true,
  children,
}: {
  busy: boolean;
  primary?: boolean;
  children: string;
}) {
  return (
    <FormFooter align="start">
      <Button type="submit" appearance={primary ? 'primary' : 'default'} isDisabled={busy}>
        {children}
      </Button>
    </FormFooter>
  );
}

/**
 * " Open the settings page" after a menu path, when there is a link; when the link opens a page from
 * which the menu path is followed (`opens`), it says which.
 */
export function SettingsLink({ link, opens }: { link?: string; opens?: string }) {
  if (!link) return null;
  return (
    <>
      {' '}
      <Link href={link} openNewTab>
        {opens ? `Open ${opens}` : 'Open the settings page'}
      </Link>
    </>
  );
}
