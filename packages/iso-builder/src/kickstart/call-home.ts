import { shellWord } from './quoting';

/** Anaconda mounts the installed system (for image mode: the new deployment) here. */
export const SYSIMAGE = '/mnt/sysimage';

export interface CallHome {
  url: string;
  token: string;
}

/**
 * Body of a `%post --nochroot` script: generates the host keys sshd will use (Fedora/RHEL
 * would otherwise create them at first boot, after we could report them), then POSTs the
 * enrolment payload documented in README.md with the installer's curl. A failed call home does
 * not fail the installation: the host can still be enrolled by hand.
 */
export function callHomeScript(hostname: string, callHome: CallHome): string[] {
  const quoteJson = (value: string, field: string): string => shellWord(JSON.stringify(value), ['options', 'callHome', field]);
  return [
    '# bootfleet: report the new host (one-time token, host keys, addresses) to the fleet server',
    `sysimage=${SYSIMAGE}`,
    'payload=$(mktemp)',
    'chroot "$sysimage" ssh-keygen -A',
    '{',
    `  printf '{"token":%s,"hostname":%s,"hostKeys":[' ${quoteJson(callHome.token, 'token')} ${quoteJson(hostname, 'hostname')}`,
    "  separator=''",
    '  for pub in "$sysimage"/etc/ssh/ssh_host_*_key.pub; do',
    '    [ -f "$pub" ] || continue',
    '    key=$(cut -d " " -f 1,2 "$pub")',
    '    fingerprint=$(chroot "$sysimage" ssh-keygen -lf "/etc/ssh/${pub##*/}" | cut -d " " -f 2)',
    '    # only base64, key-type and fingerprint characters may reach the JSON',
    '    case "$key $fingerprint" in *[!A-Za-z0-9+/=:@.\\ -]*) continue ;; esac',
    `    printf '%s{"publicKey":"%s","fingerprint":"%s"}' "$separator" "$key" "$fingerprint"`,
    "    separator=','",
    '  done',
    `  printf '],"addresses":['`,
    "  separator=''",
    "  for address in $(ip -o addr show scope global | awk '{ print $4 }'); do",
    '    case "$address" in *[!0-9A-Fa-f.:/]*) continue ;; esac',
    `    printf '%s"%s"' "$separator" "$address"`,
    "    separator=','",
    '  done',
    `  printf ']}\\n'`,
    '} > "$payload"',
    'if curl --fail --silent --show-error --globoff --retry 5 --retry-connrefused --max-time 30 \\',
    `    --header 'Content-Type: application/json' --data-binary "@$payload" ${shellWord(callHome.url, ['options', 'callHome', 'url'])}; then`,
    "  echo 'bootfleet: enrolled with the fleet server'",
    'else',
    "  echo 'bootfleet: call home failed; enrol this host by hand' >&2",
    'fi',
    'rm -f "$payload"',
  ];
}
