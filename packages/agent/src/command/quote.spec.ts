import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { quoteArg, quoteArgv } from './quote';

describe('quoteArgv', () => {
  it('leaves plain words alone so logs stay readable', () => {
    expect(quoteArgv(['bootc', 'status', '--format=json', '--format-version=1'])).toBe(
      'bootc status --format=json --format-version=1',
    );
  });

  it('single-quotes words with shell metacharacters and escapes embedded quotes', () => {
    expect(quoteArg("it's $(rm -rf /)")).toBe(`'it'\\''s $(rm -rf /)'`);
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('a b')).toBe("'a b'");
  });

  it('rejects NUL bytes and empty commands', () => {
    expect(() => quoteArg('a\0b')).toThrow(AgentError);
    expect(() => quoteArgv([])).toThrow(AgentError);
  });
});
