/** The human answer of `access-doctor check`: verdict, log line, causes, why, numbered fixes, invite. */
import { domainToUnicode } from 'node:url';
import {
  changesOf,
  type Cause,
  type Check,
  type Diagnosis,
  type FactSource,
  type Fix,
  type Snapshot,
} from '../evaluator';
import {
  acceptedText,
  conditionText,
  detailText,
  filteredLogText,
  isFilterCause,
  outcomeText,
  sourceWords,
} from '../evaluator/vocabulary';
import { stripColor, type Colors } from './color';
import { causeText, NOTIFICATION_TEXT, resultMark, showValue, verdictWord, WHO_TEXT } from './labels';

const INDENT = '  ';

/** A fact path (such as "customerAccess.external") as the label the answer's checks give it. */
function factLabels(checks: Check[]): (path: string) => string {
  const labels = new Map<string, string>();
  for (const check of checks) for (const f of check.facts) labels.set(f.fact, f.label);
  return (path) => labels.get(path) ?? path;
}

/** "HELP (IT Help desk) on https://acme.atlassian.net", as far as the snapshot knows. */
export function describeTarget(
  diagnosis: Pick<Diagnosis, 'project' | 'projectName'>,
  snapshot: Snapshot,
): string {
  const project = diagnosis.project
    ? `${diagnosis.project}${diagnosis.projectName ? ` (${diagnosis.projectName})` : ''}`
    : Object.keys(snapshot.projects ?? {}).length > 1
      ? `no project named (the snapshot has ${Object.keys(snapshot.projects ?? {}).join(', ')}: give --project)`
      : 'the project';
  const site = snapshot.site?.url ?? snapshot.site?.name;
  return site ? `${project} on ${site}` : project;
}

/** " (jane@bücher.example)" when the address's domain is in ASCII (IDNA) form; else "". */
function unicodeForm(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (!domain.split('.').some((label) => label.startsWith('xn--'))) return '';
  const unicode = domainToUnicode(domain);
  return unicode && unicode !== domain ? ` (${email.slice(0, at)}@${unicode})` : '';
}

function sampleNote(snapshot: Snapshot, fromFile: boolean, c: Colors): string[] {
  return fromFile ? [] : [c.dim('(the embedded sample site; give --snapshot FILE for your own)')];
}

export function formatCheck(diagnosis: Diagnosis, snapshot: Snapshot, fromFile: boolean, c: Colors): string {
  const { inbound, invite } = diagnosis;
  const out: string[] = [];
  out.push(
    `${c.bold(diagnosis.email)}${unicodeForm(diagnosis.email)} → ${describeTarget(diagnosis, snapshot)}`,
  );
  out.push(...sampleNote(snapshot, fromFile, c));
  out.push('');

  out.push(`${c.bold('An email from this address:')} ${verdictWord(inbound.verdict, c)}`);
  // An acceptance in the pages' words; a rejection's summary repeats the log line and the causes
  // printed below; an unknown one says what it turns on.
  if (inbound.verdict === 'accepted') out.push(INDENT + acceptedText(inbound.account));
  else if (inbound.summary && inbound.verdict !== 'rejected') out.push(INDENT + inbound.summary);
  if (inbound.log) out.push(`${INDENT}The email log shows: ${c.bold(`"${inbound.log}"`)}`);
  const label = factLabels([...inbound.checks, ...invite.checks]);
  const first: Cause | undefined = inbound.causes[0];
  if (!inbound.log && inbound.verdict === 'rejected' && first && isFilterCause(first)) {
    out.push(INDENT + filteredLogText(first));
  }
  if (inbound.verdict === 'unknown' && !inbound.summary && inbound.turnsOn.length > 0) {
    out.push(
      `${INDENT}It turns on: ${inbound.turnsOn.map(label).join(', ')} (not in the snapshot; see below).`,
    );
  }
  if (inbound.causes.length > 0) {
    out.push('');
    out.push(
      c.bold(inbound.causes.length === 1 ? 'Cause' : 'Causes') +
        (inbound.causes.length > 1 ? c.dim(' (the first is what the log shows; the others block next)') : ''),
    );
    for (const cause of inbound.causes) out.push(`${INDENT}• ${c.bold(cause)}: ${causeText(cause)}`);
  }

  // When every fact comes from one place, say it once rather than on every line.
  const sources = new Set(
    [...inbound.checks, ...invite.checks].flatMap((check) => check.facts.map((fact) => factSource(fact))),
  );
  const [onlySource] = sources;
  const commonSource = sources.size === 1 && onlySource ? onlySource : undefined;
  out.push('');
  out.push(c.bold('Why') + c.dim(' (the checks, in the order Jira applies them)'));
  if (commonSource) out.push(c.dim(`${INDENT}Where every fact below comes from: ${commonSource}.`));
  out.push(...formatChecks(inbound.checks, c, commonSource));

  if (inbound.fixes.length > 0) {
    out.push('');
    out.push(
      c.bold('Fixes') +
        c.dim(' (each fix, with all its changes, makes this address accepted; least access granted first)'),
    );
    inbound.fixes.forEach((fix, i) => out.push(...formatFix(fix, i + 1, c)));
  } else if (inbound.verdict === 'rejected') {
    out.push('');
    out.push(c.bold('Fixes'));
    out.push(`${INDENT}No change to the settings in the snapshot alone makes this address accepted.`);
  }

  out.push('');
  out.push(`${c.bold('If an agent invites this address')} on the project's Customers page:`);
  const inviteTurnsOn =
    invite.notification === 'unknown' && invite.turnsOn.length
      ? `: it turns on ${invite.turnsOn.map(label).join(', ')}`
      : '';
  out.push(
    `${INDENT}${c.bold(NOTIFICATION_TEXT[invite.notification] ?? invite.notification)}${inviteTurnsOn}`,
  );
  if (invite.error)
    out.push(`${INDENT}The invite fails; the Customers page shows: ${c.bold(`"${invite.error}"`)}`);
  if (invite.detail && !(invite.error && invite.detail.includes(invite.error)))
    out.push(INDENT + detailText(invite.detail));
  const inviteNotes = invite.checks.filter((check) => check.result !== 'pass' && check.result !== 'skipped');
  if (inviteNotes.length > 0) out.push(...formatChecks(inviteNotes, c, commonSource));
  return out.join('\n') + '\n';
}

/** Where a fact came from, in the shared vocabulary's words (the time as recorded). */
function factSource(fact: { sourceOf?: FactSource; source?: string }): string | undefined {
  return fact.sourceOf ? sourceWords(fact.sourceOf) : fact.source;
}

/** Each check: its result, what it found, the facts it read (with their source unless it is `known`). */
export function formatChecks(checks: Check[], c: Colors, known?: string): string[] {
  const out: string[] = [];
  for (const check of checks) {
    // A check names the cause it would give; show it only where it blocks (or may).
    const blocks = check.cause && (check.result === 'fail' || check.result === 'unknown');
    out.push(
      `${INDENT}${resultMark(check.result, c)}  ${c.bold(check.title)}${blocks ? c.dim(` [${check.cause}]`) : ''}`,
    );
    const pad = INDENT + ' '.repeat(stripColor(resultMark(check.result, c)).length + 2);
    if (check.detail) out.push(pad + detailText(check.detail));
    for (const fact of check.facts) {
      const from = factSource(fact);
      const source = from && from !== known ? c.dim(` (${from})`) : '';
      out.push(`${pad}${c.dim('·')} ${fact.label}: ${showValue(fact.value, fact.fact)}${source}`);
    }
    const label = factLabels([check]);
    for (const { when, then } of check.possibilities ?? []) {
      out.push(`${pad}${c.yellow('if')} ${conditionText(when, label(when.fact))}: ${outcomeText(then)}`);
    }
  }
  return out;
}

export function formatFix(fix: Fix, n: number, c: Colors): string[] {
  const out: string[] = [];
  const risky = fix.risky ? c.bold(c.red('RISKY ')) : '';
  // A fix of several changes lists them below; its own action only joins them.
  const changes = changesOf(fix);
  const headline = changes.length > 1 ? `These ${changes.length} changes together:` : fix.action;
  out.push(`${INDENT}${c.bold(`${n}.`)} ${risky}${headline}`);
  const pad = INDENT + '   ';
  if (changes.length > 1) {
    changes.forEach((change, i) => {
      out.push(`${pad}${String.fromCharCode(97 + i)}) ${change.action}`);
      out.push(`${pad}   Where: ${change.where}`);
      if (change.link) out.push(`${pad}   Link:  ${c.cyan(change.link)}`);
      out.push(`${pad}   Who:   ${WHO_TEXT[change.who]}`);
    });
    out.push(`${pad}Who: ${WHO_TEXT[fix.who]}, for all of them`);
  } else {
    out.push(`${pad}Where: ${fix.where}`);
    if (fix.link) out.push(`${pad}Link:  ${c.cyan(fix.link)}`);
    out.push(`${pad}Who:   ${WHO_TEXT[fix.who]}`);
  }
  if (fix.causes.length > 1) out.push(`${pad}${c.dim(`Removes: ${fix.causes.join(', ')}`)}`);
  if (fix.letsIn) out.push(`${pad}${fix.risky ? c.red('Also lets in:') : 'Lets in:'} ${fix.letsIn}`);
  return out;
}
