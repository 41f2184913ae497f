import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './parse-serve-args.ts';

describe('parseServeArgs', () => {
  it('reads every option, in both spellings', () => {
    expect(parseServeArgs(['--port', '5173'])).toEqual({ port: 5173, size: 'primary' });
    expect(parseServeArgs(['--port=0', '--size', 'large', '--seed', '42', '--today=2026-11-20'])).toEqual({
      port: 0,
      size: 'large',
      seed: 42,
      today: '2026-11-20',
    });
  });

  it('names the bad argument', () => {
    expect(() => parseServeArgs([])).toThrow(/--port is required/);
    expect(() => parseServeArgs(['--port', '65536'])).toThrow(/--port: "65536"/);
    expect(() => parseServeArgs(['--port', 'x1'])).toThrow(/--port: "x1"/);
    expect(() => parseServeArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseServeArgs(['--port', '1', '--size', 'huge'])).toThrow(/--size: "huge" is not one of primary, secondary, large/);
    expect(() => parseServeArgs(['--port', '1', '--seed', '1.5'])).toThrow(/--seed/);
    expect(() => parseServeArgs(['--port', '1', '--today', '2026-02-30'])).toThrow(/--today: "2026-02-30"/);
    expect(() => parseServeArgs(['--port', '1', '--colour', 'red'])).toThrow(/unknown argument "--colour"/);
  });
});
