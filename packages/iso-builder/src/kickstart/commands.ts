import type { HostInstallRecord } from './host-install-record.schema';
import type { ValidKickstartOptions } from './kickstart-options.schema';
import { diskCommands } from './disk-selection';
import { ipv4Netmask } from './ipv4';
import { kickstartArgument, kickstartOption } from './quoting';
import { sha512Crypt } from './sha512-crypt';

/** Where bootc-image-builder-style offline ISOs carry the image as an OCI layout. */
export const OFFLINE_IMAGE_DIRECTORY = '/run/install/repo/container';

function networkCommand(record: HostInstallRecord): string {
  const { network } = record;
  const device = kickstartOption('device', network.interface ?? 'link', ['network', 'interface']);
  const hostname = kickstartOption('hostname', record.hostname, ['hostname']);
  if (network.mode === 'dhcp') return `network --bootproto=dhcp ${device} ${hostname} --activate --onboot=on`;
  const parts = [
    'network --bootproto=static',
    device,
    kickstartOption('ip', network.address, ['network', 'address']),
    kickstartOption('netmask', ipv4Netmask(network.prefix), ['network', 'prefix']),
    kickstartOption('gateway', network.gateway, ['network', 'gateway']),
  ];
  parts.push(network.dns.length > 0 ? kickstartOption('nameserver', network.dns.join(','), ['network', 'dns']) : '--nodns');
  return [...parts, hostname, '--activate --onboot=on'].join(' ');
}

function userCommands(record: HostInstallRecord, passwordSalt: ValidKickstartOptions['passwordSalt']): string[] {
  return record.users.flatMap((user, index) => {
    const path = ['users', index];
    const parts = [`user ${kickstartOption('name', user.name, [...path, 'name'])}`];
    if (user.groups.length > 0) parts.push(kickstartOption('groups', user.groups.join(','), [...path, 'groups']));
    if (user.password === undefined) {
      parts.push('--lock');
    } else {
      const hash = 'hash' in user.password ? user.password.hash : sha512Crypt(user.password.plain, passwordSalt?.(user.name));
      parts.push('--iscrypted', kickstartOption('password', hash, [...path, 'password']));
    }
    const keys = user.sshKeys.map(
      (key, keyIndex) => `sshkey --username=${user.name} ${kickstartArgument(key, [...path, 'sshKeys', keyIndex])}`,
    );
    return [parts.join(' '), ...keys];
  });
}

function partitioningCommands(partitioning: HostInstallRecord['partitioning']): string[] {
  return partitioning === 'autopart'
    ? ['autopart --nohome --type=plain --fstype=xfs']
    : ['reqpart --add-boot', 'part / --grow --fstype=xfs'];
}

function payloadCommand(options: ValidKickstartOptions): string {
  return options.offline
    ? `ostreecontainer --url=${OFFLINE_IMAGE_DIRECTORY} --transport=oci`
    : `ostreecontainer ${kickstartOption('url', options.image, ['options', 'image'])} --transport=registry`;
}

/** The command section, one kickstart command per line. */
export function kickstartCommands(record: HostInstallRecord, options: ValidKickstartOptions): string[] {
  return [
    'text',
    `lang ${kickstartArgument(record.locale, ['locale'])}`,
    `keyboard ${kickstartOption('vckeymap', record.keyboard, ['keyboard'])}`,
    `timezone ${kickstartArgument(record.timezone, ['timezone'])} --utc`,
    networkCommand(record),
    '',
    'rootpw --lock',
    `sshkey --username=root ${kickstartArgument(options.fleetPublicKey, ['options', 'fleetPublicKey'])}`,
    ...userCommands(record, options.passwordSalt),
    '',
    ...diskCommands(record.disk),
    ...partitioningCommands(record.partitioning),
    '',
    payloadCommand(options),
    'reboot --eject',
  ];
}
