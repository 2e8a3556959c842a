import type { ExecOptions, Executor } from './transport/executor';
import { runChecked } from './transport/run-checked';

// The one script the agent uses to write a file as root: content on stdin, written beside the
// destination, made private, then renamed over it so readers never see a partial file.
// $1 = directory, $2 = destination path.
export const WRITE_FILE_SCRIPT =
  'umask 077 && mkdir -p "$1" && cat > "$2.bootfleet-tmp" && chmod 600 "$2.bootfleet-tmp" && mv -f "$2.bootfleet-tmp" "$2"';

export function writeFileArgv(path: string): string[] {
  const directory = path.slice(0, path.lastIndexOf('/')) || '/';
  return ['sh', '-c', WRITE_FILE_SCRIPT, 'bootfleet-write', directory, path];
}

/** Writes as root unless `sudo: false` is passed (e.g. the login user's own files). */
export async function writeFileAtomically(executor: Executor, path: string, content: string, options: ExecOptions = {}): Promise<void> {
  await runChecked(executor, writeFileArgv(path), { sudo: true, ...options, stdin: content });
}
