/**
 * A throwaway UI Kit page that uses every component the preview maps, so the renderer can be checked
 * on its own (`npm start -- --demo`). It is not the app; it never reaches the resolver except through
 * the "Ask the resolver" button, which shows how an invoke error looks.
 */
import React, { useEffect, useState } from 'react';
import ForgeReconciler, {
  Badge,
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  Code,
  DynamicTable,
  Em,
  ErrorMessage,
  Form,
  FormFooter,
  FormHeader,
  FormSection,
  Heading,
  HelperMessage,
  Inline,
  Label,
  Link,
  List,
  ListItem,
  Lozenge,
  RadioGroup,
  RequiredAsterisk,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Strong,
  Tab,
  TabList,
  TabPanel,
  Tabs,
  Tag,
  TagGroup,
  Text,
  TextArea,
  Textfield,
  Toggle,
  useForm,
  useProductContext,
  xcss,
} from '@forge/react';
import { invoke } from '@forge/bridge';

const card = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  padding: 'space.200',
  borderRadius: 'radius.medium',
});

const verdictOf = (email: string, externalOn: boolean): 'accepted' | 'rejected' => {
  const domain = email.split('@')[1] ?? '';
  if (domain === 'acme.com') return 'accepted';
  return externalOn && domain === 'partner.com' ? 'accepted' : 'rejected';
};

function CheckTab() {
  const [email, setEmail] = useState('');
  const [project, setProject] = useState<{ label: string; value: string } | null>({
    label: 'HELP',
    value: 'HELP',
  });
  const [externalOn, setExternalOn] = useState(true);
  const [result, setResult] = useState<string | null>(null);
  const [invokeError, setInvokeError] = useState<string | null>(null);
  return (
    <Stack space="space.200">
      <Box xcss={card}>
        <Stack space="space.100">
          <Label labelFor="demo-email">
            Sender address
            <RequiredAsterisk />
          </Label>
          <Textfield
            id="demo-email"
            placeholder="name@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <HelperMessage>The address the customer sends from.</HelperMessage>
          <Label labelFor="demo-project">Project</Label>
          <Select
            id="demo-project"
            options={[
              { label: 'HELP', value: 'HELP' },
              { label: 'VIP', value: 'VIP' },
            ]}
            value={project}
            onChange={(value: { label: string; value: string } | null) => setProject(value)}
          />
          <Toggle
            id="demo-external"
            label="External customers"
            isChecked={externalOn}
            onChange={() => setExternalOn(!externalOn)}
          />
          <Text>External customers: {externalOn ? 'on' : 'off'}</Text>
          <ButtonGroup>
            <Button appearance="primary" onClick={() => setResult(verdictOf(email, externalOn))}>
              Check sender
            </Button>
            <Button
              onClick={async () => {
                try {
                  await invoke('demo-unknown-key', {});
                  setInvokeError('no error');
                } catch (error) {
                  setInvokeError(error instanceof Error ? error.message : String(error));
                }
              }}
            >
              Ask the resolver
            </Button>
          </ButtonGroup>
        </Stack>
      </Box>
      {result === 'accepted' && (
        <SectionMessage appearance="success" title="Accepted">
          <Text>
            <Strong>{email}</Strong> can email {project?.value}.{' '}
            <Lozenge appearance="success">accepted</Lozenge>
          </Text>
        </SectionMessage>
      )}
      {result === 'rejected' && (
        <SectionMessage appearance="error" title="Rejected">
          <Text>
            Email log: <Code>Email doesn&apos;t belong to domains allowed in customer access settings</Code>
          </Text>
          <List type="ordered">
            <ListItem>
              Add the domain to <Em>External</Em>&apos;s list.
            </ListItem>
            <ListItem>Or make it an approved domain.</ListItem>
          </List>
        </SectionMessage>
      )}
      {invokeError && (
        <SectionMessage appearance="warning" title="Resolver">
          <Text>{invokeError}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

function BulkTab() {
  const [text, setText] = useState('jane@acme.com\nb@ext.io');
  const [rows, setRows] = useState<{ email: string; verdict: string }[] | null>(null);
  return (
    <Stack space="space.200">
      <Label labelFor="demo-bulk">Addresses, one per line</Label>
      <TextArea id="demo-bulk" value={text} onChange={(event) => setText(event.target.value)} />
      <Inline space="space.100" alignBlock="center">
        <Button
          appearance="primary"
          onClick={() =>
            setRows(
              text
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean)
                .map((email) => ({ email, verdict: verdictOf(email, true) })),
            )
          }
        >
          Run bulk check
        </Button>
        {rows && <Badge appearance="primary">{rows.length}</Badge>}
      </Inline>
      {rows && (
        <DynamicTable
          caption="Bulk results"
          head={{
            cells: [
              { key: 'email', content: 'Address', isSortable: true },
              { key: 'verdict', content: 'Verdict' },
            ],
          }}
          rows={rows.map((row) => ({
            key: row.email,
            cells: [
              { key: 'email', content: row.email },
              {
                key: 'verdict',
                content: (
                  <Lozenge appearance={row.verdict === 'accepted' ? 'success' : 'removed'}>
                    {row.verdict}
                  </Lozenge>
                ),
              },
            ],
          }))}
        />
      )}
    </Stack>
  );
}

function SettingsTab() {
  const { handleSubmit, register, getFieldId, formState } = useForm<{
    domains: string;
    access: string;
    creation: boolean;
  }>({ defaultValues: { domains: 'partner.com', access: 'open', creation: true } });
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Form onSubmit={handleSubmit((values) => setSaved(JSON.stringify(values)))}>
      <FormHeader title="Customer access">
        <Text>Required fields are marked with an asterisk.</Text>
      </FormHeader>
      <FormSection>
        <Label labelFor={getFieldId('domains')}>
          External domains
          <RequiredAsterisk />
        </Label>
        <Textfield {...register('domains', { required: true })} />
        {formState.errors.domains ? (
          <ErrorMessage>Enter at least one domain.</ErrorMessage>
        ) : (
          <HelperMessage>Comma separated.</HelperMessage>
        )}
        <Label labelFor={getFieldId('access')}>Project access</Label>
        <RadioGroup
          {...register('access')}
          options={[
            { name: 'access', value: 'open', label: 'Open' },
            { name: 'access', value: 'restricted', label: 'Restricted' },
          ]}
        />
        <Checkbox {...register('creation')} label="Customers can create accounts" />
      </FormSection>
      <FormFooter>
        <Button appearance="primary" type="submit">
          Save
        </Button>
      </FormFooter>
      {saved && (
        <SectionMessage appearance="information" title="Saved">
          <Text>{saved}</Text>
        </SectionMessage>
      )}
    </Form>
  );
}

function App() {
  const context = useProductContext();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 300);
    return () => clearTimeout(timer);
  }, []);
  if (!context || !ready) return <Spinner size="large" label="Loading" />;
  return (
    <Stack space="space.300">
      <Heading size="large">Renderer demo</Heading>
      <Inline space="space.100" alignBlock="center">
        <Text>Module: {context.moduleKey}</Text>
        <TagGroup>
          <Tag text="demo" />
          <Tag text="UI Kit" color="blueLight" />
        </TagGroup>
        <Link href="https://developer.atlassian.com/platform/forge/ui-kit/" openNewTab>
          UI Kit docs
        </Link>
      </Inline>
      <Tabs id="demo-tabs">
        <TabList>
          <Tab>Check a sender</Tab>
          <Tab>Bulk check</Tab>
          <Tab>Settings</Tab>
        </TabList>
        <TabPanel>
          <Box paddingBlock="space.200">
            <CheckTab />
          </Box>
        </TabPanel>
        <TabPanel>
          <Box paddingBlock="space.200">
            <BulkTab />
          </Box>
        </TabPanel>
        <TabPanel>
          <Box paddingBlock="space.200">
            <SettingsTab />
          </Box>
        </TabPanel>
      </Tabs>
    </Stack>
  );
}

ForgeReconciler.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
