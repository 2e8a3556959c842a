import { callHomeScript } from './call-home';
import { kickstartCommands } from './commands';
import { smallestDiskScript } from './disk-selection';
import { hostInstallRecordSchema, type HostInstallRecordInput } from './host-install-record.schema';
import { kickstartOptionsSchema, type KickstartOptions, type ValidKickstartOptions } from './kickstart-options.schema';
import { registryFilesScript } from './registry-files';
import { shellWord } from './quoting';
import { parseOrThrow } from './validate';

function scriptSection(header: string, body: string[]): string[] {
  return ['', header, 'set -eu', ...body, '%end'];
}

function postInstallScript(options: ValidKickstartOptions): string[] {
  const lines = registryFilesScript(options);
  if (options.offline) {
    lines.push(
      '# bootfleet: the image came from the ISO; track the registry from now on',
      `bootc switch --mutate-in-place --transport registry ${shellWord(options.image, ['options', 'image'])}`,
    );
  }
  lines.push(
    '# bootfleet: updates are rolled out by the fleet manager, never by the host on its own',
    'systemctl mask bootc-fetch-apply-updates.timer',
  );
  return lines;
}

/**
 * The install kickstart for one host. Pure: the same input gives the same text (except that
 * `{plain}` passwords get a random salt unless `options.passwordSalt` is given).
 * Throws KickstartError (code KICKSTART_INVALID, `path` to the field) on any invalid input;
 * option fields are reported under `options.`.
 */
export function renderKickstart(record: HostInstallRecordInput, opts: KickstartOptions): string {
  const host = parseOrThrow(hostInstallRecordSchema, record);
  const options = parseOrThrow(kickstartOptionsSchema, opts, ['options']);

  const preBody = [...registryFilesScript(options), ...(host.disk.by === 'smallest' ? smallestDiskScript() : [])];
  const lines = [
    `# bootfleet install kickstart for ${host.hostname}`,
    `# image ${options.image}${options.offline ? ' (from the ISO)' : ''}`,
    ...kickstartCommands(host, options),
    ...(preBody.length > 0 ? scriptSection('%pre --erroronfail --log=/tmp/bootfleet-pre.log', preBody) : []),
    ...scriptSection('%post --erroronfail --log=/var/log/bootfleet-post.log', postInstallScript(options)),
    // No `set -e` on purpose: a failed call home must not fail the installation.
    ...(options.callHome !== undefined
      ? ['', '%post --nochroot --log=/tmp/bootfleet-call-home.log', ...callHomeScript(host.hostname, options.callHome), '%end']
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
