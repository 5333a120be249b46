import { AddressError, hiddenCharacter, parseAddress } from '../../src/evaluator';

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

describe('invisible and full-width characters are refused, never cleaned (contract.md §2)', () => {
  it.each([
    ['bo@initech.com\u200b', 'U+200B ZERO WIDTH SPACE after "initech.com"'],
    ['bo@init\u00adech.com', 'U+00AD SOFT HYPHEN after "init"'],
    ['bo@initech\u2060.com', 'U+2060 WORD JOINER after "initech"'],
    ['\ufeffbo@initech.com', 'U+FEFF ZERO WIDTH NO-BREAK SPACE before "bo"'],
    ['b\u200co@initech.com', 'U+200C ZERO WIDTH NON-JOINER after "b"'],
    ['bo@init\u200dech.com', 'U+200D ZERO WIDTH JOINER after "init"'],
    ['bo@initech.com\u200f', 'U+200F RIGHT-TO-LEFT MARK after "initech.com"'],
    ['bo@\u202ainitech.com', 'U+202A LEFT-TO-RIGHT EMBEDDING before "initech.com"'],
    ['bo@initech.com\u2069', 'U+2069 POP DIRECTIONAL ISOLATE after "initech.com"'],
    ['bo@initech.com\u{e0041}', 'U+E0041 TAG LATIN CAPITAL LETTER A after "initech.com"'],
    ['bo@initech.com\ufe0f', 'U+FE0F VARIATION SELECTOR-16 after "initech.com"'],
    ['\uff42o@initech.com', 'U+FF42 FULLWIDTH LATIN SMALL LETTER B before "o"'],
    ['bo@initech\uff0ecom', 'U+FF0E FULLWIDTH FULL STOP after "initech"'],
    ['\u3000bo@initech.com', 'U+3000 IDEOGRAPHIC SPACE before "bo"'],
    ['Bo <bo@initech.com\u200b>', 'U+200B ZERO WIDTH SPACE after "initech.com"'],
  ])('%j: %s', (input, named) => {
    expect(hiddenCharacter(input)).toBe(named);
    expect(() => parseAddress(input)).toThrow(AddressError);
    expect(() => parseAddress(input)).toThrow(named);
  });

  it('shows the input with the character escaped, so the message can be read', () => {
    expect(() => parseAddress('bo@initech.com\u200b')).toThrow(
      '"bo@initech.com\\u200b" is not an email address',
    );
  });

  it('leaves international addresses and plain ones alone', () => {
    expect(parseAddress('user@bücher.de').email).toBe('user@xn--bcher-kva.de');
    expect(parseAddress('Émile <émile@café.fr>').domain).toBe('xn--caf-dma.fr');
    expect(hiddenCharacter('jane@acme.com')).toBeNull();
    expect(hiddenCharacter('"Jo \u200d Doe" <jane@acme.com>')).toBeNull();
  });
});
