import { AddressError, parseAddress } from '../../src/evaluator';

describe('address parsing', () => {
  it.each([
    ['  jane@acme.com  ', 'jane@acme.com', 'acme.com', null],
    ['Jane@ACME.com', 'jane@acme.com', 'acme.com', null],
    ['"Jane Doe" <jane@acme.com>', 'jane@acme.com', 'acme.com', 'Jane Doe'],
    ['Jane Doe <jane@acme.com>', 'jane@acme.com', 'acme.com', 'Jane Doe'],
    ['jane@bücher.example', 'jane@xn--bcher-kva.example', 'xn--bcher-kva.example', null],
    ['jane+tag@sub.acme.com', 'jane+tag@sub.acme.com', 'sub.acme.com', null],
  ])('%s', (input, email, domain, name) => {
    expect(parseAddress(input)).toEqual({ email, domain, local: email.split('@')[0], name });
  });

  it.each([
    ['', /empty/],
    ['jane', /no "@"/],
    ['jane@', /no domain|not follow/],
    ['@acme.com', /nothing stands before|not follow/],
    ['a@acme.com, b@acme.com', /2 addresses|list/],
    ['jane doe@acme.com', /space|not follow/],
    ['jane@localhost', /no dot/],
  ])('refuses %j, saying why', (input, why) => {
    expect(() => parseAddress(input)).toThrow(AddressError);
    expect(() => parseAddress(input)).toThrow(why);
  });
});
