import { describe, expect, it } from 'vitest';
import { IsoError } from '../errors';
import { FLEET_KEY, IMAGE, minimalRecord } from '../kickstart/golden-cases.fixture';
import type { TemplateMetadata } from '../template';
import { kickstartForHost, parseFleetSettings, parseHostRecord } from './host-file';

const template = { imageRef: IMAGE, offline: true } as TemplateMetadata;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof IsoError ? error.code : `not an IsoError: ${String(error)}`;
  }
  return undefined;
}

describe('HOST.json and FLEET.json', () => {
  it('renders the kickstart with the template image and offline mode', () => {
    const kickstart = kickstartForHost(parseHostRecord(JSON.stringify(minimalRecord)), `${FLEET_KEY}\n`, {}, template);
    expect(kickstart).toContain('edge-01.example.com');
    expect(kickstart).toContain('ostreecontainer --url=/run/install/repo/container --transport=oci');
    expect(kickstart).toContain(IMAGE);
  });

  it.each([
    ['HOST.json that is not JSON', () => parseHostRecord('{')],
    ['HOST.json that is an array', () => parseHostRecord('[]')],
    ['FLEET.json trying to override the image', () => parseFleetSettings(JSON.stringify({ image: 'evil/x:latest' }))],
    ['a host with an unknown field', () => kickstartForHost(parseHostRecord(JSON.stringify({ ...minimalRecord, image: 'x' })), FLEET_KEY, {}, template)],
  ])('refuses %s with INVALID_HOST', (_, action) => {
    expect(codeOf(action)).toBe('INVALID_HOST');
  });

  it('turns invalid host values (injection attempts) into INVALID_HOST', () => {
    const hostile = { ...minimalRecord, hostname: 'a.example.com\n%pre\nreboot\n%end' };
    expect(codeOf(() => kickstartForHost(hostile, FLEET_KEY, {}, template))).toBe('INVALID_HOST');
    expect(codeOf(() => kickstartForHost(minimalRecord, 'ssh-ed25519 AAAA"; reboot #', {}, template))).toBe('INVALID_HOST');
    expect(codeOf(() => kickstartForHost(minimalRecord, FLEET_KEY, { insecureRegistries: ['bad host;reboot'] }, template))).toBe('INVALID_HOST');
  });
});
