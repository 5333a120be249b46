import { parseSnapshot, parseSnapshotText, SnapshotError } from '../../src/evaluator';
import { merge } from './helpers';
import base from './scenarios/base.json';

function errorOf(input: unknown): SnapshotError {
  try {
    parseSnapshot(input);
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error('expected the snapshot to be refused');
}

describe('snapshot validation', () => {
  it('accepts the contract example and keeps absent keys absent', () => {
    const s = parseSnapshot(merge(base as never, { accounts: null, customerAccess: { external: null } }));
    expect(s.accounts).toBeUndefined();
    expect(s.customerAccess).not.toHaveProperty('external');
    expect(s.customerAccess?.internal).toBe(true);
  });

  it.each([
    [{ customerAccess: { internal: 'yes' } }, 'customerAccess.internal', /expected boolean, found "yes"/],
    [
      { customerAccess: { accountCreation: 'sometimes' } },
      'customerAccess.accountCreation',
      /"allowed", "not-allowed"/,
    ],
    [
      { customerAccess: { externalDomains: 'partner.com' } },
      'customerAccess.externalDomains',
      /found "partner.com"/,
    ],
    [
      { approvedDomains: { anyDomain: 'admin' } },
      'approvedDomains.anyDomain',
      /"customer", "user", "none".*found "admin"/,
    ],
    [
      { approvedDomains: { domains: { 'acme.com': 'Customer' } } },
      'approvedDomains.domains["acme.com"]',
      /found "Customer"/,
    ],
    [{ projects: { HELP: { access: 'closed' } } }, 'projects.HELP.access', /"open", "restricted"/],
    [{ projects: { HELP: { customers: 'c@partner.com' } } }, 'projects.HELP.customers', /expected array/],
    [
      { accounts: { 'john@acme.com': { type: 'customer' } } },
      'accounts["john@acme.com"].type',
      /"atlassian", "portal-only".*found "customer"/,
    ],
    [
      { accounts: { 'john@acme.com': { status: 'disabled' } } },
      'accounts["john@acme.com"].status',
      /found "disabled"/,
    ],
    [{ version: 2 }, 'version', /expected 1, found number 2/],
    [{ format: 'something-else' }, 'format', /customer-access-doctor\/snapshot/],
  ])('names the field and what was wrong: %j', (set, field, message) => {
    const e = errorOf(merge(base as never, set as never));
    expect(e.field).toBe(field);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
    expect(e.message).toMatch(message);
  });

  it('refuses a domain key that is an address', () => {
    const e = errorOf(merge(base as never, { approvedDomains: { domains: { 'x@acme.com': 'customer' } } }));
    expect(e.field).toBe('approvedDomains.domains["x@acme.com"]');
  });

  it('refuses text that is not JSON, saying so', () => {
    expect(() => parseSnapshotText('{ "format": ')).toThrow(/not valid JSON/);
  });

  it('refuses something that is not an object', () => {
    expect(errorOf([]).message).toMatch(/expected object, found an array/);
  });
});
