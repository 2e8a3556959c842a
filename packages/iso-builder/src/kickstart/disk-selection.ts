import type { HostInstallRecord } from './host-install-record.schema';
import { kickstartOption } from './quoting';

/** Where the %pre script leaves the disk commands for the `smallest` choice. */
export const SMALLEST_DISK_INCLUDE = '/tmp/bootfleet-disk.ks';

function diskDevice(disk: Exclude<HostInstallRecord['disk'], { by: 'smallest' }>): string {
  return disk.by === 'id' ? `/dev/disk/by-id/${disk.value}` : disk.value;
}

/** Commands that confine the installation to one disk and wipe it. */
export function diskCommands(disk: HostInstallRecord['disk']): string[] {
  if (disk.by === 'smallest') return [`%include ${SMALLEST_DISK_INCLUDE}`, 'zerombr'];
  const device = diskDevice(disk);
  return [
    `ignoredisk ${kickstartOption('only-use', device, ['disk', 'value'])}`,
    'zerombr',
    `clearpart --all --initlabel --disklabel=gpt ${kickstartOption('drives', device, ['disk', 'value'])}`,
  ];
}

/**
 * %pre shell that picks the smallest whole disk and writes the same commands as diskCommands()
 * to SMALLEST_DISK_INCLUDE. Skipped: removable devices, zram/loop, zero-sized devices and the
 * disk the installer itself was started from (a USB stick is often the smallest disk).
 */
export function smallestDiskScript(): string[] {
  return [
    '# bootfleet: choose the smallest fixed disk that is not the installation medium',
    'media=$(findmnt -no SOURCE /run/install/repo 2>/dev/null || true)',
    "media_disk=''",
    'if [ -n "$media" ]; then',
    '  media_disk=$(lsblk -npo PKNAME "$media" 2>/dev/null | head -n 1 || true)',
    '  [ -n "$media_disk" ] || media_disk=$media',
    'fi',
    'disk=$(lsblk -dbnpo NAME,SIZE,TYPE,RM \\',
    `  | awk -v skip="$media_disk" '$3 == "disk" && $4 == "0" && $2 > 0 && $1 != skip && $1 !~ /^\\/dev\\/(zram|loop)/ { print $2, $1 }' \\`,
    '  | sort -k1,1n -k2,2 | head -n 1 | cut -d " " -f 2)',
    '# only a plain /dev path may reach the kickstart line below',
    'case "$disk" in',
    "  /dev/*[!A-Za-z0-9/_.:-]*) disk='' ;;",
    '  /dev/?*) ;;',
    "  *) disk='' ;;",
    'esac',
    'if [ -z "$disk" ]; then',
    '  echo "bootfleet: no usable disk found" >&2',
    '  exit 1',
    'fi',
    `printf 'ignoredisk --only-use=%s\\nclearpart --all --initlabel --disklabel=gpt --drives=%s\\n' "$disk" "$disk" > ${SMALLEST_DISK_INCLUDE}`,
  ];
}
