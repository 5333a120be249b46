/** What a user does on the pages, step by step, shared by the page tests. */
import { byType, button, field, textOf, user, waitFor } from './harness';

/** The radio group named `name` (each fact of a form is one, with "Not entered (unknown)" among its options). */
export function radios(name: string) {
  const group = byType('RadioGroup').find((r) => r.props.name === name);
  if (!group) throw new Error(`no radio group ${name}`);
  return group;
}

/** Chooses Internal On, External On with its domain list checked, types the domains, and Portal access. */
export async function fillCustomerAccess(domains: string, portalAccess: 'allowed' | 'not-allowed') {
  await user.choose(radios('internal'), 'on');
  await user.choose(radios('external'), 'on');
  await user.choose(radios('externalDomains'), 'checked');
  await user.type(field('Email domains'), domains);
  await user.choose(radios('accountCreation'), portalAccess);
}

/** Types an address, picks the project when there is a choice, and waits for the answer. */
export async function checkSender(email: string, project?: string) {
  await user.type(field("Sender's email address"), email);
  if (project) await user.select(field('Service project the email is sent to'), project);
  await user.submit(button('Check sender'));
  await waitFor(() => textOf().includes(`${email.trim()} writing to`), `the answer for ${email}`);
}
