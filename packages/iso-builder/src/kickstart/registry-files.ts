import type { ValidKickstartOptions } from './kickstart-options.schema';
import { heredoc, shellWord, writeFileBase64 } from './quoting';

// ostree-container (the installer's pull) and bootc (later upgrades) read this file.
export const OSTREE_AUTH_FILE = '/etc/ostree/auth.json';
export const INSECURE_REGISTRIES_FILE = '/etc/containers/registries.conf.d/50-bootfleet-insecure.conf';

/** containers-auth.json(5) content for the one registry the host pulls from. */
function authJson(auth: NonNullable<ValidKickstartOptions['registryAuth']>): string {
  const entry =
    'token' in auth
      ? { identitytoken: auth.token }
      : { auth: Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64') };
  return `${JSON.stringify({ auths: { [auth.registry]: entry } }, null, 2)}\n`;
}

/** containers-registries.conf(5) drop-in marking registries as plain-HTTP / self-signed. */
function insecureRegistriesConf(registries: readonly string[]): string {
  return registries.map((location) => `[[registry]]\nlocation = "${location}"\ninsecure = true\n`).join('\n');
}

/**
 * Shell writing the registry credentials and the insecure drop-in into /etc of whatever root the
 * script runs in: the installer's in %pre, the new system's in %post. Empty when there is nothing to write.
 */
export function registryFilesScript(options: ValidKickstartOptions): string[] {
  const lines: string[] = [];
  if (options.registryAuth !== undefined) {
    lines.push(
      '# bootfleet: registry credentials (base64, so no byte of them is interpreted)',
      'install -d -m 755 /etc/ostree',
      writeFileBase64(OSTREE_AUTH_FILE, authJson(options.registryAuth), '600', ['options', 'registryAuth']),
    );
  }
  if (options.insecureRegistries.length > 0) {
    const target = shellWord(INSECURE_REGISTRIES_FILE, ['options', 'insecureRegistries']);
    lines.push(
      '# bootfleet: registries reached without TLS verification',
      'install -d -m 755 /etc/containers/registries.conf.d',
      `install -m 644 /dev/null ${target}`,
      heredoc(`cat > ${target}`, insecureRegistriesConf(options.insecureRegistries), ['options', 'insecureRegistries']),
    );
  }
  return lines;
}
