import { assertSwitchTarget, type SwitchTransport } from './image-target';

// Builders for every bootc command line the agent sends. They return argv arrays; quoting happens
// once, in the transport.

export type SoftRebootMode = 'auto' | 'required';

export const statusArgv = (): string[] => ['bootc', 'status', '--format=json', '--format-version=1'];
/** Releases before `--format` (bootc < 0.1.16) only know `--json`. */
export const legacyStatusArgv = (): string[] => ['bootc', 'status', '--json'];
export const checkUpgradeArgv = (): string[] => ['bootc', 'upgrade', '--check'];

export interface UpgradeOptions {
  /** Stage a locked deployment that a reboot discards (bootc >= 1.12). */
  readonly downloadOnly?: boolean;
  /** Unlock a download-only staged deployment without touching the network. */
  readonly fromDownloaded?: boolean;
  readonly apply?: boolean;
  readonly softReboot?: SoftRebootMode;
}

export function upgradeArgv(options: UpgradeOptions = {}): string[] {
  return [
    'bootc', 'upgrade',
    ...(options.downloadOnly ? ['--download-only'] : []),
    ...(options.fromDownloaded ? ['--from-downloaded'] : []),
    ...applyFlags(options),
  ];
}

export interface SwitchOptions {
  readonly transport?: SwitchTransport;
  readonly apply?: boolean;
  readonly enforceSigpolicy?: boolean;
  readonly retain?: boolean;
  readonly softReboot?: SoftRebootMode;
}

export function switchArgv(ref: string, options: SwitchOptions = {}): string[] {
  const transport = options.transport ?? 'registry';
  assertSwitchTarget(ref, transport);
  return [
    'bootc', 'switch',
    ...(transport === 'registry' ? [] : [`--transport=${transport}`]),
    ...(options.enforceSigpolicy ? ['--enforce-container-sigpolicy'] : []),
    ...(options.retain ? ['--retain'] : []),
    ...applyFlags(options),
    // No `--` needed: a validated target starts with a name or `/`, never with `-`.
    ref,
  ];
}

export interface RollbackOptions {
  readonly apply?: boolean;
  readonly softReboot?: SoftRebootMode;
}

export const rollbackArgv = (options: RollbackOptions = {}): string[] => ['bootc', 'rollback', ...applyFlags(options)];

function applyFlags(options: { apply?: boolean; softReboot?: SoftRebootMode }): string[] {
  if (!options.apply) return [];
  return ['--apply', ...(options.softReboot ? [`--soft-reboot=${options.softReboot}`] : [])];
}

export const rebootArgv = (): string[] => ['systemctl', 'reboot'];
export const bootIdArgv = (): string[] => ['cat', '/proc/sys/kernel/random/boot_id'];
