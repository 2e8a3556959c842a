import { describe, expect, it } from 'vitest';
import { IsoError } from '../errors';
import { FLEET_KEY, IMAGE, minimalRecord } from '../kickstart/golden-cases.fixture';
import type { TemplateMetadata } from '../template';
import { kickstartForHost, parseHostFile } from './host-file';

const template = { imageRef: IMAGE, offline: true } as TemplateMetadata;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof IsoError ? error.code : `not an IsoError: ${String(error)}`;
  }
  return undefined;
}

describe('HOST.json', () => {
  it('renders the kickstart with the template image and offline mode', () => {
    const kickstart = kickstartForHost(parseHostFile(JSON.stringify({ record: minimalRecord, fleetPublicKey: FLEET_KEY })), template);
    expect(kickstart).toContain('edge-01.example.com');
    expect(kickstart).toContain('ostreecontainer --url=/run/install/repo/container --transport=oci');
    expect(kickstart).toContain(IMAGE);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['an unknown field (e.g. an image override)', JSON.stringify({ record: minimalRecord, fleetPublicKey: FLEET_KEY, image: 'evil/x:latest' })],
    ['no record', JSON.stringify({ fleetPublicKey: FLEET_KEY })],
    ['no fleet key', JSON.stringify({ record: minimalRecord })],
  ])('refuses %s with INVALID_HOST', (_, text) => {
    expect(codeOf(() => parseHostFile(text))).toBe('INVALID_HOST');
  });

  it('turns invalid host values (injection attempts) into INVALID_HOST naming the field', () => {
    const hostile = { record: { ...minimalRecord, hostname: 'a.example.com\n%pre\nreboot\n%end' }, fleetPublicKey: FLEET_KEY };
    expect(codeOf(() => kickstartForHost(parseHostFile(JSON.stringify(hostile)), template))).toBe('INVALID_HOST');
    const badKey = { record: minimalRecord, fleetPublicKey: 'ssh-ed25519 AAAA"; reboot #' };
    expect(codeOf(() => kickstartForHost(parseHostFile(JSON.stringify(badKey)), template))).toBe('INVALID_HOST');
  });
});
