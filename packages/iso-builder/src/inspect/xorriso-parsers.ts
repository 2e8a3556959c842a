// Pure parsers of xorriso's reports (fixtures under ./fixtures are captured from real runs).

/** xorriso quotes names in '...' and writes an apostrophe as '"'"'. */
function unquote(text: string): string {
  const trimmed = text.trim();
  const inner = trimmed.startsWith("'") && trimmed.endsWith("'") ? trimmed.slice(1, -1) : trimmed;
  return inner.replace(/'"'"'/g, "'");
}

/** `-pkt_output on -find / -type f`: result-channel packets, one path each. */
export function parseFindOutput(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('R:1: '))
    .map((line) => unquote(line.slice(5)));
}

export interface AppendedPartition {
  index: number;
  /** GUID as xorriso prints it (mixed-endian hex) or an MBR type byte like 0xef. */
  type: string;
  /** Byte range inside the base ISO file. */
  offset: number;
  size: number;
}

export interface ElToritoEntry {
  platformId: string;
  /** `bin_path` for BIOS entries, `efi_path` for EFI ones (an ISO path or an --interval). */
  path: string;
  /** Which boot loader family xorriso recognised for the BIOS image (isolinux, grub, any). */
  loader: string;
}

export interface ElToritoReport {
  volumeId: string | undefined;
  entries: ElToritoEntry[];
  appendedPartitions: AppendedPartition[];
  lines: string[];
}

const UNIT_BYTES: Record<string, number> = { d: 512, s: 2048 };

function parseAppendPartition(line: string): AppendedPartition | undefined {
  const match = /^-append_partition (\d+) (\S+) --interval:imported_iso:(\d+)([ds])-(\d+)([ds])::/.exec(line);
  if (!match) return undefined;
  const [, index, type, start, startUnit, end, endUnit] = match;
  const first = Number(start) * (UNIT_BYTES[startUnit ?? 'd'] ?? 512);
  const last = (Number(end) + 1) * (UNIT_BYTES[endUnit ?? 'd'] ?? 512);
  return { index: Number(index), type: type ?? '', offset: first, size: last - first };
}

/** `-report_el_torito cmd`: the commands that would recreate the boot setup. */
export function parseElToritoCmd(text: string): ElToritoReport {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('-'));
  const entries: ElToritoEntry[] = [];
  let current: Partial<ElToritoEntry> = {};
  const flush = (): void => {
    if (current.path !== undefined) entries.push({ platformId: current.platformId ?? '0x00', path: current.path, loader: current.loader ?? 'any' });
    current = {};
  };
  let volumeId: string | undefined;
  const appendedPartitions: AppendedPartition[] = [];
  for (const line of lines) {
    const volid = /^-volid (.*)$/.exec(line);
    if (volid) volumeId = unquote(volid[1] ?? '');
    const partition = parseAppendPartition(line);
    if (partition) appendedPartitions.push(partition);
    const setting = /^-boot_image (\w+) (\w+)=(.*)$/.exec(line);
    if (!setting) {
      if (/^-boot_image any next$/.test(line)) flush();
      continue;
    }
    const [, loader, key, rawValue] = setting;
    const value = unquote(rawValue ?? '');
    if (key === 'bin_path' || key === 'efi_path') {
      current.path = value;
      current.loader = loader;
    } else if (key === 'platform_id') current.platformId = value;
  }
  flush();
  return { volumeId, entries, appendedPartitions, lines };
}

/** `-report_el_torito plain` without block addresses: what must survive a remaster unchanged. */
export function elToritoShape(plainReport: string): string[] {
  return plainReport
    .split('\n')
    .filter((line) => line.startsWith('El Torito'))
    .map((line) => {
      if (line.startsWith('El Torito catalog')) return 'El Torito catalog';
      if (line.startsWith('El Torito boot img')) return line.replace(/\s+\d+\s*$/, '');
      return line;
    })
    .map((line) => line.replace(/\s+/g, ' ').trim());
}

/** `-find PATH -exec report_lba --`: the first data block of the file. */
export function parseReportLba(text: string, isoPath: string): { lba: number; bytes: number } | undefined {
  for (const line of text.split('\n')) {
    const match = /^File data lba:\s*\d+\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(.*)$/.exec(line.trim());
    if (match && unquote(match[4] ?? '') === isoPath) return { lba: Number(match[1]), bytes: Number(match[3]) };
  }
  return undefined;
}
