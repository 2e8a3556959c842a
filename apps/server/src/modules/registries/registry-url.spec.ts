import { describe, expect, it } from 'vitest';
import { normaliseRegistryUrl, registryHost, registryUrlProblem } from './registry-url';

describe('registryUrlProblem', () => {
  it.each(['https://quay.io', 'http://127.0.0.1:5000', 'https://registry.example.com:8443/'])('accepts %s', (url) => {
    expect(registryUrlProblem(url)).toBeNull();
  });

  it.each([
    ['quay.io', /absolute URL/],
    ['ftp://quay.io', /https:\/\//],
    ['https://user:pw@quay.io', /credentials/],
    ['https://quay.io/v2/', /no path/],
    ['https://quay.io?x=1', /no path/],
  ])('refuses %s', (url, problem) => {
    expect(registryUrlProblem(url)).toMatch(problem);
  });
});

describe('registryHost', () => {
  it('keeps a non-default port and drops the scheme', () => {
    expect(registryHost('http://127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(registryHost('https://Quay.IO:443')).toBe('quay.io');
  });

  it('names Docker Hub the way references do', () => {
    expect(registryHost('https://registry-1.docker.io')).toBe('docker.io');
  });
});

describe('normaliseRegistryUrl', () => {
  it('drops a trailing slash and a default port', () => {
    expect(normaliseRegistryUrl('https://quay.io:443/')).toBe('https://quay.io');
  });
});
