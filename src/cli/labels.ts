/** The command line's words for the evaluator's codes: the evaluator's vocabulary, plus colour. */
import type { CheckResult, Verdict } from '../evaluator';
import {
  ACCOUNT_TEXT,
  causeLabel,
  NOTIFICATION_SHORT,
  NOTIFICATION_TEXT,
  valueText,
  WHO_TEXT,
} from '../evaluator/vocabulary';
import type { Colors } from './color';

export { ACCOUNT_TEXT, NOTIFICATION_SHORT, NOTIFICATION_TEXT, WHO_TEXT };

/** A cause in words: the evaluator's one label for it, shared with the pages. */
export const causeText = causeLabel;

/** A fact's value as a person reads it (the evaluator's vocabulary). */
export const showValue = valueText;

export function verdictWord(verdict: Verdict | 'invalid', c: Colors): string {
  switch (verdict) {
    case 'accepted':
      return c.bold(c.green('ACCEPTED'));
    case 'rejected':
      return c.bold(c.red('REJECTED'));
    case 'unknown':
      return c.bold(c.yellow('UNKNOWN'));
    case 'invalid':
      return c.bold(c.yellow('NOT AN ADDRESS'));
  }
}

export function resultMark(result: CheckResult, c: Colors): string {
  switch (result) {
    case 'pass':
      return c.green('✔ pass   ');
    case 'fail':
      return c.red('✘ fail   ');
    case 'unknown':
      return c.yellow('? unknown');
    case 'skipped':
      return c.dim('– skipped');
  }
}
