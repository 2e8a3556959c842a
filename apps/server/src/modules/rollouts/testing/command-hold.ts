import type { SimHost } from '@bootfleet/host-sim';

export interface CommandHold {
  /** Resolves when the host received the held command (it has not run yet). */
  readonly seen: Promise<void>;
  /** Lets the held command run, whether or not anyone still listens for its result. */
  release(): void;
}

/**
 * Holds the next command line containing `text` that `host` receives until release(): a step
 * frozen at a known point (a reboot requested but the machine not yet going down, a pull still
 * running) so a test can kill the server exactly there. Later matching commands run normally.
 */
export function holdCommand(host: SimHost, text: string): CommandHold {
  const original = host.exec.bind(host);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen!: () => void;
  const seenPromise = new Promise<void>((resolve) => (seen = resolve));
  let armed = true;
  host.exec = async (opts) => {
    if (armed && opts.line.includes(text)) {
      armed = false;
      seen();
      await released;
    }
    return original(opts);
  };
  return { seen: seenPromise, release };
}
