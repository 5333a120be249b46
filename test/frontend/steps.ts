/** What a user does on the pages, step by step, shared by the page tests. */
import { byType, button, checkbox, field, textOf, user, waitFor } from './harness';
import { LABEL_EXTERNAL, LABEL_EXTERNAL_DOMAINS, LABEL_INTERNAL } from '../../src/frontend/format';

/** Ticks Internal, External and its domain list, and types the domains, on the Site settings tab. */
export async function fillCustomerAccess(domains: string, portalAccess: 'allowed' | 'not-allowed') {
  await user.check(checkbox(LABEL_INTERNAL), true);
  await user.check(checkbox(LABEL_EXTERNAL), true);
  await user.check(checkbox(LABEL_EXTERNAL_DOMAINS), true);
  await user.type(field('Email domains'), domains);
  const portal = byType('RadioGroup').find((r) => r.props.name === 'accountCreation')!;
  await user.choose(portal, portalAccess);
}

/** Types an address, picks the project when there is a choice, and waits for the answer. */
export async function checkSender(email: string, project?: string) {
  await user.type(field("Sender's email address"), email);
  if (project) await user.select(field('Service project the email is sent to'), project);
  await user.submit(button('Check sender'));
  await waitFor(() => textOf().includes(`${email.trim()} writing to`), `the answer for ${email}`);
}
