import { z } from 'zod';
import {
  devicePathRule,
  diskIdRule,
  groupNameRule,
  hostnameRule,
  interfaceRule,
  keyboardRule,
  localeRule,
  passwordRule,
  sshPublicKeyRule,
  timezoneRule,
  userNameRule,
} from './field-rules';
import { ipv4InSubnet } from './ipv4';

const ipv4 = z.ipv4({ error: 'must be an IPv4 address' });
const ipAddress = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' });

const dhcpNetworkSchema = z.strictObject({
  mode: z.literal('dhcp'),
  interface: interfaceRule.optional(),
});

const staticNetworkSchema = z
  .strictObject({
    mode: z.literal('static'),
    /** Interface name or MAC; omitted, Anaconda uses the first interface with a link. */
    interface: interfaceRule.optional(),
    address: ipv4,
    prefix: z.int('prefix must be an integer').min(1, 'prefix must be 1-32').max(32, 'prefix must be 1-32'),
    gateway: ipv4,
    dns: z.array(ipAddress).max(3, 'at most 3 DNS servers (resolv.conf limit)').default([]),
  })
  .superRefine((network, ctx) => {
    if (network.gateway === network.address) {
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'gateway must differ from the address' });
    } else if (!ipv4InSubnet(network.gateway, network.address, network.prefix)) {
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: `gateway must be inside ${network.address}/${network.prefix}` });
    }
  });

const diskSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('path'), value: devicePathRule }),
  z.strictObject({ by: z.literal('id'), value: diskIdRule }),
  z.strictObject({ by: z.literal('smallest') }),
]);

const userSchema = z.strictObject({
  name: userNameRule,
  password: passwordRule.optional(),
  sshKeys: z.array(sshPublicKeyRule).max(32, 'at most 32 SSH keys per user').default([]),
  groups: z
    .array(groupNameRule)
    .max(32, 'at most 32 groups per user')
    .default([])
    .refine((groups) => new Set(groups).size === groups.length, 'groups must not repeat'),
});

/** HOST.json: everything about one host that its install kickstart needs. */
export const hostInstallRecordSchema = z.strictObject({
  hostname: hostnameRule,
  network: z.discriminatedUnion('mode', [dhcpNetworkSchema, staticNetworkSchema]),
  disk: diskSchema,
  partitioning: z.enum(['autopart', 'xfs-root']),
  users: z
    .array(userSchema)
    .max(32, 'at most 32 users')
    .default([])
    .refine((users) => new Set(users.map((user) => user.name)).size === users.length, 'user names must be unique'),
  timezone: timezoneRule,
  locale: localeRule,
  keyboard: keyboardRule,
});

export type HostInstallRecord = z.output<typeof hostInstallRecordSchema>;
/** What HOST.json may contain before defaults (`dns`, `sshKeys`, `groups`, `users` default to []). */
export type HostInstallRecordInput = z.input<typeof hostInstallRecordSchema>;
