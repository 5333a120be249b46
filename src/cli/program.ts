/** The `access-doctor` command: check, bulk, matrix (contract.md §2), audit. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import {
  AddressError,
  auditSnapshot,
  decisionMatrix,
  diagnose,
  DiagnoseError,
  notAudited,
  parseAddress,
  readAddressRows,
  resolveProject,
} from '../evaluator';
import { MessageError, readMessage, type RawMessage } from '../evaluator/message';
import type { DiagnoseOptions, MessageHeaders, PreparedSite } from '../evaluator';
import { makeColors, wantsColor, type Colors } from './color';
import { formatCheck, describeTarget } from './format-check';
import { formatMatrix } from './format-matrix';
import { formatAudit } from './format-audit';
import { formatSummary, runBulk, writeJsonLines } from './bulk';
import {
  loadSite,
  readBinaryFile,
  readStdin,
  readStdinBytes,
  readTextFile,
  UsageError,
  write,
  type LoadedSite,
} from './io';

/** Set by scripts/build-cli.mjs from package.json. */
declare const ACCESS_DOCTOR_VERSION: string | undefined;
const VERSION = typeof ACCESS_DOCTOR_VERSION === 'string' ? ACCESS_DOCTOR_VERSION : '0.0.0-dev';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;

interface CommonOptions {
  project?: string;
  snapshot?: string;
  json?: boolean;
}

export interface CliContext {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: Record<string, string | undefined>;
}

const SAMPLE_NOTE = `
Without --snapshot the embedded sample site is used (HELP, an Open project, and VIP, a Restricted one).
Without --project, the snapshot's only project (an error when it has several).
Exit status: 0 when it ran (whatever the verdict); 2 for a bad address, snapshot, project or input.`;

function commonOptions(command: Command, json: string): Command {
  return command
    .option('-p, --project <KEY>', 'the service project key (default: the only project in the snapshot)')
    .option(
      '-s, --snapshot <FILE>',
      'a site snapshot JSON file, "-" for standard input (default: the embedded sample site)',
    )
    .option('--json', json);
}

/** `--header "Auto-Submitted: auto-replied"`, repeatable, into the message's headers. */
function collectHeader(text: string, previous: MessageHeaders | undefined): MessageHeaders {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!name || /\s/.test(name)) {
    throw new InvalidArgumentError(`expected "NAME: VALUE", such as "Auto-Submitted: auto-replied"`);
  }
  return { ...previous, [name]: text.slice(colon + 1).trim() };
}

function options(opts: CommonOptions): DiagnoseOptions {
  return opts.project === undefined ? {} : { project: opts.project };
}

/** Runs the evaluator; a DiagnoseError (bad address, unknown or missing project) is the user's to fix: exit 2. */
function evaluate<T>(answer: () => T): T {
  try {
    return answer();
  } catch (error) {
    if (error instanceof DiagnoseError) throw new UsageError(error.message);
    throw error;
  }
}

/** Checks the project before a bulk run, so that a bad --project is one error (exit 2), not one per line. */
function checkProject(
  site: PreparedSite,
  opts: DiagnoseOptions,
): { project: string | null; projectName?: string } {
  try {
    const { key, name } = resolveProject(site, opts.project);
    return { project: key, ...(name ? { projectName: name } : {}) };
  } catch (error) {
    if (error instanceof DiagnoseError) throw new UsageError(error.message);
    throw error;
  }
}

async function readBulkInput(file: string | undefined, ctx: CliContext, snapshot?: string): Promise<string> {
  if (file !== undefined && file !== '-') return readTextFile(file, 'the address list');
  if (snapshot === '-') {
    throw new UsageError(
      'the snapshot is read from standard input (--snapshot -): give the addresses as a FILE',
    );
  }
  if (ctx.stdin.isTTY) {
    throw new UsageError('no addresses: give a FILE, or pipe addresses on standard input (see --help)');
  }
  return readStdin(ctx.stdin);
}

/** The raw email of --eml FILE ("-": standard input). */
async function loadMessage(file: string, ctx: CliContext): Promise<RawMessage> {
  let raw: Uint8Array;
  if (file === '-') {
    if (ctx.stdin.isTTY)
      throw new UsageError('--eml -: pipe the raw email on standard input, or give a FILE');
    raw = await readStdinBytes(ctx.stdin);
  } else raw = await readBinaryFile(file, 'the email');
  try {
    return await readMessage(raw);
  } catch (error) {
    if (error instanceof MessageError) {
      throw new UsageError(
        `the email ${file === '-' ? 'on standard input' : JSON.stringify(file)}: ${error.message}`,
      );
    }
    throw error;
  }
}

/** The sender: EMAIL, else the message's From; both given, they must be one address. */
function senderOf(email: string | undefined, message: RawMessage | undefined): string {
  if (email === undefined) {
    if (!message)
      throw new UsageError("give the sender's EMAIL, or a raw email with --eml FILE (see --help)");
    return message.from;
  }
  if (message) {
    const address = (text: string) => {
      try {
        return parseAddress(text).email;
      } catch (error) {
        if (error instanceof AddressError) throw new UsageError(error.message);
        throw error;
      }
    };
    if (address(email) !== address(message.from))
      throw new UsageError(
        `EMAIL ${JSON.stringify(email)} is not the message's From (${JSON.stringify(message.from)}): leave EMAIL out to check the message's sender`,
      );
  }
  return email;
}

export function buildProgram(ctx: CliContext): Command {
  const colors: Colors = makeColors(wantsColor(ctx.stdout, ctx.env));
  const program = new Command('access-doctor');
  program
    .description(
      "Why a customer's email to a Jira Service Management Cloud project is refused, and the smallest change that fixes it.",
    )
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      outputError: (text, writeErr) => writeErr(`access-doctor: ${oneLine(text.replace(/^error: /, ''))}\n`),
    })
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .helpCommand(true)
    .addHelpText(
      'after',
      `
Examples:
  $ npx access-doctor check bob@contractor.io --project HELP
  $ npx access-doctor check bob@contractor.io --project HELP --json
  $ npx access-doctor check jane@acme.com --snapshot my-site.json
  $ npx access-doctor bulk email-log.csv --project HELP
  $ cat addresses.txt | npx access-doctor bulk --project HELP --json
  $ npx access-doctor matrix bob@contractor.io --project HELP
  $ npx access-doctor audit --snapshot my-site.json
${SAMPLE_NOTE}`,
    );

  commonOptions(
    program
      .command('check')
      .description(
        'What happens when EMAIL writes to the project, why, how to fix it, and what an invite would send',
      )
      .argument(
        '[EMAIL]',
        'the sender\'s address, e.g. bob@contractor.io or "Bob Stone <bob@contractor.io>" (may be left out with --eml)',
      ),
    'print one JSON object (email, project, inbound, invite) instead of text',
  )
    .option(
      '-H, --header <"NAME: VALUE">',
      "a header of the message (repeatable), to apply the email channel's filters: Auto-Submitted, Precedence, Return-Path, Content-Type, Authentication-Results, X-JIRA-FingerPrint",
      collectHeader,
    )
    .option(
      '--eml <FILE>',
      'a raw email (as the email log\'s "Download raw email message" gives it), "-" for standard input: the sender is its From, and its headers turn on the email channel\'s filters',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ npx access-doctor check bob@contractor.io --project HELP
      rejected: the email log line, the causes, why, and numbered fixes
  $ npx access-doctor check pat@partner.com --project VIP --json
  $ npx access-doctor check jane@acme.com --snapshot my-site.json --project SUP
  $ npx access-doctor check jane@acme.com --project HELP -H "Auto-Submitted: auto-replied"
  $ npx access-doctor check --eml rejected-message.eml --project HELP
  $ cat rejected-message.eml | npx access-doctor check --eml - --project HELP --json
${SAMPLE_NOTE}`,
    )
    .action(
      async (email: string | undefined, opts: CommonOptions & { header?: MessageHeaders; eml?: string }) => {
        if (opts.eml === '-' && opts.snapshot === '-')
          throw new UsageError(
            '--eml - and --snapshot - cannot both read standard input: give one as a FILE',
          );
        const message = opts.eml === undefined ? undefined : await loadMessage(opts.eml, ctx);
        const sender = senderOf(email, message);
        const loaded = await loadSite(opts.snapshot, ctx.stdin);
        const merged = message || opts.header ? { ...message?.headers, ...opts.header } : undefined;
        const headers = merged ? { headers: merged } : {};
        const diagnosis = evaluate(() => diagnose(loaded.site, sender, { ...options(opts), ...headers }));
        if (opts.json) await write(ctx.stdout, JSON.stringify(diagnosis, null, 2) + '\n');
        else await write(ctx.stdout, formatCheck(diagnosis, loaded.snapshot, loaded.fromFile, colors));
      },
    );

  commonOptions(
    program
      .command('bulk')
      .description(
        'Check many addresses: one per line, or a CSV with a header row that has an "email" column (such as an export of the email log)',
      )
      .argument('[FILE]', 'the address list; "-" or absent: standard input'),
    'print one JSON object per input line: the answer check --json prints, or {input, error}',
  )
    .addHelpText(
      'after',
      `
Without --json: a summary by verdict and cause, with example addresses, the email log line and the
first fix. With --json: one line per input line, in input order: the object "check --json" prints,
or {"input": "<the line>", "error": "<why it is not an address>"}. A bad line never stops the run.

Examples:
  $ npx access-doctor bulk addresses.txt --project HELP
  $ npx access-doctor bulk email-log.csv --snapshot my-site.json --project SUP
  $ printf 'jane@acme.com\\nbob@contractor.io\\n' | npx access-doctor bulk --project HELP --json
${SAMPLE_NOTE}`,
    )
    .action(async (file: string | undefined, opts: CommonOptions) => {
      const loaded: LoadedSite = await loadSite(opts.snapshot, ctx.stdin);
      const diagnoseOptions = options(opts);
      const target = checkProject(loaded.site, diagnoseOptions);
      const text = await readBulkInput(file, ctx, opts.snapshot);
      // A row that cannot be read is an error line of its own: it never stops the run.
      const lines = readAddressRows(text);
      const summary = await runBulk(
        loaded.site,
        lines,
        diagnoseOptions,
        opts.json ? (answers) => writeJsonLines(ctx.stdout, answers) : undefined,
      );
      if (!opts.json) {
        await write(
          ctx.stdout,
          formatSummary(summary, describeTarget(target, loaded.snapshot), loaded.fromFile, colors),
        );
      }
    });

  commonOptions(
    program
      .command('matrix')
      .description(
        'The outcome of an email and of an invite for EMAIL under every combination of Customer access and Approved domains settings, the current one marked',
      )
      .argument('<EMAIL>', "the sender's address"),
    'print the matrix as JSON (rows with inbound, invite and current)',
  )
    .addHelpText(
      'after',
      `
Atlassian's "Invite notification types" table, generalised and filled in for one address: each row is
one combination of Internal, External (and whether its domain list has the address's domain), the
domain's Approved domains row and the Any domain row. ▶ marks the site's current settings.

Examples:
  $ npx access-doctor matrix bob@contractor.io --project HELP
  $ npx access-doctor matrix someone@partner.com --project HELP --json
${SAMPLE_NOTE}`,
    )
    .action(async (email: string, opts: CommonOptions) => {
      const loaded = await loadSite(opts.snapshot, ctx.stdin);
      const matrix = evaluate(() => decisionMatrix(loaded.site, email, options(opts)));
      if (opts.json) {
        await write(ctx.stdout, JSON.stringify(matrix, null, 2) + '\n');
        return;
      }
      const target = checkProject(loaded.site, options(opts));
      await write(
        ctx.stdout,
        formatMatrix(matrix, describeTarget(target, loaded.snapshot), loaded.fromFile, colors),
      );
    });

  program
    .command('audit')
    .description(
      'Risky or contradictory settings of the site (strangers let in, rows that hide Any domain, entries that never apply, facts not confirmed for 90 days), each with why, the fix and where',
    )
    .option(
      '-s, --snapshot <FILE>',
      'a site snapshot JSON file, "-" for standard input (default: the embedded sample site)',
    )
    .option('--json', 'print {"warnings": [...], "notAudited": [...]} instead of text')
    .addHelpText(
      'after',
      `
Examples:
  $ npx access-doctor audit
  $ npx access-doctor audit --snapshot my-site.json --json`,
    )
    .action(async (opts: { snapshot?: string; json?: boolean }) => {
      const loaded = await loadSite(opts.snapshot, ctx.stdin);
      const warnings = auditSnapshot(loaded.snapshot);
      const notes = notAudited(loaded.snapshot);
      if (opts.json) {
        await write(ctx.stdout, JSON.stringify({ warnings, notAudited: notes }, null, 2) + '\n');
        return;
      }
      const name = loaded.snapshot.site?.url ?? 'the site';
      await write(ctx.stdout, formatAudit(warnings, notes, name, loaded.fromFile, colors));
    });

  return program;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the command; resolves to the exit status. Never lets a stack trace reach the user. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message (help, version or a usage error) already.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      ctx.stderr.write(`access-doctor: ${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`access-doctor: internal error: ${oneLine(message)}\n`);
    if (ctx.env.ACCESS_DOCTOR_DEBUG && error instanceof Error && error.stack)
      ctx.stderr.write(error.stack + '\n');
    return EXIT_INTERNAL;
  }
}
