import type { HostInstallRecordInput } from './host-install-record.schema';
import type { KickstartOptions } from './kickstart-options.schema';

// Representative inputs shared by the golden, injection and integration tests. The keys were
// made with `ssh-keygen`, the pre-hashed password with glibc crypt(3).

export const FLEET_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOD2MWF2fUbnx+psA3YZ42d61046yA/qceO3nP7GCTeW fleet@bootfleet';
export const ALICE_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH5BxZhC6qBY//q8jyZK+2Lp3bM66KBq/Jb33xmCYjml alice@laptop';
export const ECDSA_KEY_WITHOUT_COMMENT =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIyNUNWTIDz78dmIz7ZlxhAVothIf55reuvyLYeMqKfL2WxYykWk8GYDMvamXQP9gF8m5eGfCvvkzQmnGcav9wI=';
export const GLIBC_HASH_OF_HELLO_WORLD =
  '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.';
export const IMAGE = `registry.example.com:5000/fleet/web@sha256:${'0123456789abcdef'.repeat(4)}`;

export const minimalRecord: HostInstallRecordInput = {
  hostname: 'edge-01.example.com',
  network: { mode: 'dhcp' },
  disk: { by: 'path', value: '/dev/vda' },
  partitioning: 'autopart',
  timezone: 'UTC',
  locale: 'en_US.UTF-8',
  keyboard: 'us',
};

export const minimalOptions: KickstartOptions = { image: IMAGE, offline: false, fleetPublicKey: FLEET_KEY };

export interface GoldenCase {
  name: string;
  record: HostInstallRecordInput;
  options: KickstartOptions;
  /** Section headers expected in the output, in order. */
  sections: string[];
}

export const goldenCases: GoldenCase[] = [
  {
    name: 'dhcp-path-autopart',
    record: minimalRecord,
    options: minimalOptions,
    sections: ['%post --erroronfail --log=/var/log/bootfleet-post.log'],
  },
  {
    name: 'static-id-xfs-users-auth',
    record: {
      hostname: 'db-7.dc1.example.org',
      network: { mode: 'static', interface: 'enp1s0', address: '10.20.30.40', prefix: 22, gateway: '10.20.28.1', dns: ['10.20.0.53', '2001:db8::53'] },
      disk: { by: 'id', value: 'nvme-Samsung_SSD_980_1TB_S64ANS0T123456' },
      partitioning: 'xfs-root',
      users: [
        { name: 'alice', password: { plain: 'correct horse battery staple' }, sshKeys: [ALICE_KEY, ECDSA_KEY_WITHOUT_COMMENT], groups: ['wheel', 'adm'] },
        { name: 'ops_bot', password: { hash: GLIBC_HASH_OF_HELLO_WORLD } },
        { name: 'deploy', sshKeys: [ALICE_KEY] },
      ],
      timezone: 'America/Argentina/Buenos_Aires',
      locale: 'de_DE.UTF-8',
      keyboard: 'de-nodeadkeys',
    },
    options: {
      ...minimalOptions,
      registryAuth: { registry: 'registry.example.com:5000', username: 'robot$fleet', password: `p@ss'w"rd $(reboot) \`id\`` },
      insecureRegistries: ['registry.example.com:5000', '127.0.0.1:5001'],
      passwordSalt: (user) => `${user}salt`,
    },
    sections: ['%pre --erroronfail --log=/tmp/bootfleet-pre.log', '%post --erroronfail --log=/var/log/bootfleet-post.log'],
  },
  {
    name: 'smallest-offline-callhome',
    record: {
      hostname: 'kiosk',
      network: { mode: 'dhcp', interface: '52:54:00:12:34:56' },
      disk: { by: 'smallest' },
      partitioning: 'xfs-root',
      users: [],
      timezone: 'Europe/Berlin',
      locale: 'fr_FR.UTF-8',
      keyboard: 'fr',
    },
    options: {
      ...minimalOptions,
      offline: true,
      registryAuth: { registry: 'registry.example.com:5000', token: 'eyJhbGciOiJFUzI1NiJ9.pull-token' },
      callHome: { url: 'https://fleet.example.com:8443/api/v1/enrolments?site=berlin&x=[1]', token: 'otp_3d6f1c2b9a8e7d6c5b4a' },
    },
    sections: [
      '%pre --erroronfail --log=/tmp/bootfleet-pre.log',
      '%post --erroronfail --log=/var/log/bootfleet-post.log',
      '%post --nochroot --log=/tmp/bootfleet-call-home.log',
    ],
  },
  {
    name: 'static-no-dns-path-autopart',
    record: {
      ...minimalRecord,
      hostname: 'lab-3.example.net',
      network: { mode: 'static', address: '192.168.100.3', prefix: 24, gateway: '192.168.100.1' },
      disk: { by: 'path', value: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1' },
      users: [{ name: '_svc', groups: ['wheel'] }],
    },
    options: { ...minimalOptions, insecureRegistries: ['localhost:5000'] },
    sections: ['%pre --erroronfail --log=/tmp/bootfleet-pre.log', '%post --erroronfail --log=/var/log/bootfleet-post.log'],
  },
];
