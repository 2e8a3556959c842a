/** Faults injectable into a running simulated host; every one is off by default. */
export interface HostFaults {
  /** TCP connects are accepted but SSH never answers (a black-holed host: clients time out). */
  unreachable?: boolean;
  /** Added before every command runs and before the SSH handshake. */
  latencyMs?: number;
  /** The next reboot never comes back (until `powerOn()`). */
  neverReturnFromReboot?: boolean;
  /** The next reboot boots the previous deployment again instead of the new one. */
  wrongImageAfterReboot?: boolean;
  /** After the next reboot `systemctl is-system-running` says `degraded` (exit 1). */
  degradedAfterReboot?: boolean;
  /** Every pull fails with the registry's auth error, whatever credentials the host has. */
  registryAuthFailure?: boolean;
  /** Staging a new deployment fails with ENOSPC. */
  diskFull?: boolean;
  /** `sudo` asks for a password (so `sudo -n` fails). */
  sudoPassword?: boolean;
  /** The next pulling bootc verb hangs holding the sysroot lock until this is cleared. */
  upgradeHangs?: boolean;
}

