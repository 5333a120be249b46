/** The command line's words for the evaluator's codes: the evaluator's vocabulary, plus colour. */
import type { CheckResult, Verdict } from '../evaluator';
import {
  ACCOUNT_LABEL,
  causeLabel,
  CHECK_RESULT_LABEL,
  NOT_AN_ADDRESS,
  NOTIFICATION_SHORT,
  NOTIFICATION_TEXT,
  valueText,
  VERDICT_LABEL,
  WHO_LABEL,
  WHO_TEXT,
} from '../evaluator/vocabulary';
import type { Colors } from './color';

export { ACCOUNT_LABEL, NOTIFICATION_SHORT, NOTIFICATION_TEXT, VERDICT_LABEL, WHO_LABEL, WHO_TEXT };

/** A cause in words: the evaluator's one label for it, shared with the pages. */
export const causeText = causeLabel;

/** A fact's value as a person reads it (the evaluator's vocabulary, as the pages show it). */
export const showValue = valueText;

/** The verdict, the vocabulary's word in capitals (emphasis only) and colour. */
export function verdictWord(verdict: Verdict | 'invalid', c: Colors): string {
  switch (verdict) {
    case 'accepted':
      return c.bold(c.green(VERDICT_LABEL.accepted.toUpperCase()));
    case 'rejected':
      return c.bold(c.red(VERDICT_LABEL.rejected.toUpperCase()));
    case 'unknown':
      return c.bold(c.yellow(VERDICT_LABEL.unknown.toUpperCase()));
    case 'invalid':
      return c.bold(c.yellow(NOT_AN_ADDRESS.toUpperCase()));
  }
}

/** A check's result: a mark, and the vocabulary's word for it, padded so the titles line up. */
export function resultMark(result: CheckResult, c: Colors): string {
  const word = CHECK_RESULT_LABEL[result].padEnd(WIDEST_RESULT);
  switch (result) {
    case 'pass':
      return c.green(`✔ ${word}`);
    case 'fail':
      return c.red(`✘ ${word}`);
    case 'unknown':
      return c.yellow(`? ${word}`);
    case 'skipped':
      return c.dim(`– ${word}`);
  }
}

const WIDEST_RESULT = Math.max(...Object.values(CHECK_RESULT_LABEL).map((w) => w.length));
