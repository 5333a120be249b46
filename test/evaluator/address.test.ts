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

describe('address limits', () => {
  it.each([
    [`${'a'.repeat(65)}@acme.com`, /longer than 64/],
    [`a@${'b'.repeat(64)}.com`, /longer than 63/],
    [`a@${'b.'.repeat(130)}com`, /longer than 253/],
    ['"Jane" <' + 'a'.repeat(70) + '@acme.com>', /longer than 64/],
  ])('refuses an address over RFC 5321 limits', (input, why) => {
    expect(() => parseAddress(input)).toThrow(why);
  });
});
