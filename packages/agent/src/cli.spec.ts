import { describe, expect, it } from 'vitest';
import { parseTarget } from './cli';

describe('parseTarget', () => {
  it('reads user, address and port', () => {
    expect(parseTarget('core@10.0.0.5:2222')).toEqual({ username: 'core', host: '10.0.0.5', port: 2222 });
    expect(parseTarget('root@host.example')).toEqual({ username: 'root', host: 'host.example', port: 22 });
    expect(parseTarget('admin@[::1]:22')).toEqual({ username: 'admin', host: '::1', port: 22 });
  });

  it('requires a user unless probing', () => {
    expect(() => parseTarget('10.0.0.5')).toThrow(/USER@ADDR/);
    expect(parseTarget('10.0.0.5:2200', false)).toEqual({ username: '', host: '10.0.0.5', port: 2200 });
  });
});
