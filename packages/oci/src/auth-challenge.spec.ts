import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from './auth-challenge';

describe('parseAuthChallenge', () => {
  it('parses a Docker Hub style Bearer challenge with a comma inside the quoted scope', () => {
    expect(parseAuthChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' },
    });
  });

  it('parses the challenge Docker Distribution sends for /v2/ (no scope)', () => {
    expect(parseAuthChallenge('Bearer realm="http://127.0.0.1:1234/token",service="svc"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://127.0.0.1:1234/token', service: 'svc' },
    });
  });

  it('parses Basic with a realm, case-insensitively, tolerating spaces after commas', () => {
    expect(parseAuthChallenge('BASIC Realm="Registry Realm", charset="UTF-8"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm', charset: 'UTF-8' } });
  });

  it('accepts unquoted values and escaped quotes', () => {
    expect(parseAuthChallenge('Bearer realm=https://t.example/token,service="a \\"b\\""')?.params).toEqual({ realm: 'https://t.example/token', service: 'a "b"' });
  });

  it('returns the scheme alone when there are no parameters, and null for garbage', () => {
    expect(parseAuthChallenge('Basic')).toEqual({ scheme: 'basic', params: {} });
    expect(parseAuthChallenge('')).toBeNull();
    expect(parseAuthChallenge('"quoted"')).toBeNull();
  });
});
