import { describe, expect, it } from 'vitest';
import { AgentError } from './errors';
import { mergeAuthorizedKeys } from './authorized-keys';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetKeyFleetKeyFleetKeyFleetKeyFleetKey bootfleet';

describe('mergeAuthorizedKeys', () => {
  it('creates the file content when there is none', () => {
    expect(mergeAuthorizedKeys(null, KEY)).toEqual({ content: `${KEY}\n`, added: true });
  });

  it('appends after existing keys and keeps them untouched', () => {
    const existing = 'ssh-rsa AAAAB3Nza other@laptop\n';
    expect(mergeAuthorizedKeys(existing, KEY)).toEqual({ content: `ssh-rsa AAAAB3Nza other@laptop\n${KEY}\n`, added: true });
  });

  it('does not add a key that is already there, whatever its comment or options', () => {
    const sameKey = KEY.replace('bootfleet', 'renamed');
    expect(mergeAuthorizedKeys(`${sameKey}\n`, KEY).added).toBe(false);
    expect(mergeAuthorizedKeys(`from="10.0.0.0/8" ${KEY}\n`, KEY).added).toBe(false);
  });

  it('refuses anything that is not a single public key line', () => {
    expect(() => mergeAuthorizedKeys(null, `${KEY}\nssh-rsa AAAA evil`)).toThrow(AgentError);
    expect(() => mergeAuthorizedKeys(null, 'command="reboot" ssh-ed25519 AAAA')).toThrow(AgentError);
  });
});
