import { makeColors, stripColor, wantsColor } from '../../src/cli/color';

describe('colour only on a terminal, and never with NO_COLOR', () => {
  test('wantsColor', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });

  test('makeColors wraps only when enabled, and stripColor undoes it', () => {
    const on = makeColors(true);
    const off = makeColors(false);
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(on.bold(on.green('ok'))).not.toBe('ok');
    expect(stripColor(on.bold(on.green('ok')))).toBe('ok');
    for (const f of [off.bold, off.dim, off.red, off.green, off.yellow, off.cyan])
      expect(f('plain')).toBe('plain');
  });
});
