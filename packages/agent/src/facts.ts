import { AgentError } from './errors';
import type { ExecOptions, Executor } from './transport/executor';
import { runChecked } from './transport/run-checked';

export interface HostFacts {
  readonly hostname: string;
  readonly bootId: string;
  readonly kernel: string;
  readonly architecture: string;
  readonly uptimeSeconds: number;
  /** /etc/os-release as key/value pairs (ID, VERSION_ID, PRETTY_NAME, ...). */
  readonly osRelease: Record<string, string>;
}

// Two plain commands rather than a shell script: easy to audit, and they run concurrently on one connection.
export const UNAME_ARGV = ['uname', '-n', '-r', '-m'] as const;
export const FACT_FILES_ARGV = ['cat', '/proc/sys/kernel/random/boot_id', '/proc/uptime', '/etc/os-release'] as const;

const BOOT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseOsRelease(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    entries[match[1]] = unquote(match[2] ?? '');
  }
  return entries;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '').replace(/\\(["$`\\])/g, '$1') : value;
}

export function parseFacts(unameOut: string, filesOut: string): HostFacts {
  const [hostname, kernel, architecture] = unameOut.trim().split(/\s+/);
  const [bootId = '', uptime = '', ...osRelease] = filesOut.split('\n');
  const uptimeSeconds = Number.parseFloat(uptime.split(' ')[0] ?? '');
  if (!hostname || !kernel || !architecture || !BOOT_ID.test(bootId.trim()) || !Number.isFinite(uptimeSeconds)) {
    throw new AgentError('PARSE_FAILED', 'unexpected facts output', { raw: `${unameOut}\n${filesOut}` });
  }
  return { hostname, kernel, architecture, bootId: bootId.trim(), uptimeSeconds, osRelease: parseOsRelease(osRelease.join('\n')) };
}

export async function readBootId(executor: Executor, options: ExecOptions = {}): Promise<string> {
  const { stdout } = await runChecked(executor, ['cat', '/proc/sys/kernel/random/boot_id'], options);
  const bootId = stdout.trim();
  if (!BOOT_ID.test(bootId)) throw new AgentError('PARSE_FAILED', 'unexpected boot_id', { raw: stdout });
  return bootId;
}

export async function readFacts(executor: Executor, options: ExecOptions = {}): Promise<HostFacts> {
  const [uname, files] = await Promise.all([runChecked(executor, UNAME_ARGV, options), runChecked(executor, FACT_FILES_ARGV, options)]);
  return parseFacts(uname.stdout, files.stdout);
}
