import { z } from 'zod';
import { addressSchema, fingerprintSchema, groupSchema, hostNameSchema, parseLabel, portSchema, sshUserSchema } from './host-rules';

/** One host found in an inventory, before enrollment. */
export interface InventoryHost {
  line: number;
  name: string;
  address: string;
  port: number;
  user: string | null;
  fingerprint: string | null;
  group: string | null;
  labels: Record<string, string>;
}

export interface InventoryProblem {
  line: number;
  message: string;
}

export interface ParsedInventory {
  format: 'bootfleet-sim' | 'ansible-ini' | 'lines';
  hosts: InventoryHost[];
  problems: InventoryProblem[];
}

const MAX_HOSTS = 10_000;

const simEntrySchema = z.object({
  name: hostNameSchema,
  address: addressSchema,
  port: portSchema,
  user: sshUserSchema,
  hostKeyFingerprint: fingerprintSchema,
  keyPath: z.string().optional(),
});

function issue(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ');
  return (e as Error).message;
}

function checked(line: number, raw: Omit<InventoryHost, 'line'>): InventoryHost {
  return {
    line,
    name: hostNameSchema.parse(raw.name),
    address: addressSchema.parse(raw.address),
    port: portSchema.parse(raw.port),
    user: raw.user === null ? null : sshUserSchema.parse(raw.user),
    fingerprint: raw.fingerprint === null ? null : fingerprintSchema.parse(raw.fingerprint),
    group: raw.group === null ? null : groupSchema.parse(raw.group),
    labels: raw.labels,
  };
}

/** host-sim's inventory.json: an array of {name, address, port, user, keyPath, hostKeyFingerprint}. */
function parseSim(text: string): ParsedInventory {
  const result: ParsedInventory = { format: 'bootfleet-sim', hosts: [], problems: [] };
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (e) {
    return { ...result, problems: [{ line: 1, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(entries)) return { ...result, problems: [{ line: 1, message: 'expected a JSON array of hosts' }] };
  entries.forEach((entry, i) => {
    const parsed = simEntrySchema.safeParse(entry);
    if (!parsed.success) {
      result.problems.push({ line: i + 1, message: `entry ${i + 1}: ${issue(parsed.error)}` });
      return;
    }
    const e = parsed.data;
    result.hosts.push({ line: i + 1, name: e.name, address: e.address, port: e.port, user: e.user, fingerprint: e.hostKeyFingerprint, group: null, labels: {} });
  });
  return result;
}

const INI_VARS: Record<string, 'address' | 'port' | 'user'> = {
  ansible_host: 'address',
  ansible_ssh_host: 'address',
  ansible_port: 'port',
  ansible_ssh_port: 'port',
  ansible_user: 'user',
  ansible_ssh_user: 'user',
};

/** Splits `name key=value key="quoted value"` the way Ansible's INI inventory does, closely enough. */
function iniTokens(line: string): string[] {
  return [...line.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) => m[0].replace(/(["'])(.*)\1/g, '$2'));
}

/** An Ansible INI inventory: `[group]` sections of `name ansible_host=... ansible_port=... ansible_user=...`. */
function parseAnsible(text: string): ParsedInventory {
  const result: ParsedInventory = { format: 'ansible-ini', hosts: [], problems: [] };
  const byName = new Map<string, InventoryHost>();
  const groupVars = new Map<string, Record<string, string>>();
  let section: { group: string | null; kind: 'hosts' | 'vars' | 'children' } = { group: null, kind: 'hosts' };
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/\s[#;].*$/, '').trim();
    const no = i + 1;
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header) {
      const name = header[1]!;
      section = { group: name === 'all' || name === 'ungrouped' ? null : name, kind: (header[2] as 'vars' | 'children' | undefined) ?? 'hosts' };
      return;
    }
    if (section.kind === 'children') return;
    if (section.kind === 'vars') {
      const [key, ...rest] = line.split('=');
      if (section.group && key) groupVars.set(section.group, { ...groupVars.get(section.group), [key.trim()]: rest.join('=').trim() });
      return;
    }
    const [name, ...assignments] = iniTokens(line);
    if (!name) return;
    const host: Omit<InventoryHost, 'line'> = { name, address: name, port: 22, user: null, fingerprint: null, group: section.group, labels: {} };
    try {
      for (const assignment of assignments) {
        const eq = assignment.indexOf('=');
        if (eq <= 0) throw new Error(`"${assignment}" is not key=value`);
        const key = assignment.slice(0, eq);
        const value = assignment.slice(eq + 1);
        const field = INI_VARS[key];
        if (field === 'port') host.port = Number(value);
        else if (field) host[field] = value;
        else if (key.startsWith('bootfleet_label_')) {
          const [k, v] = parseLabel(`${key.slice('bootfleet_label_'.length).replace(/_/g, '-')}=${value}`);
          host.labels[k] = v;
        }
        // Other Ansible variables mean nothing to bootfleet and are ignored.
      }
      const existing = byName.get(name);
      if (existing) {
        // A host listed in several groups keeps its first group.
        return;
      }
      const parsed = checked(no, host);
      byName.set(name, parsed);
      result.hosts.push(parsed);
    } catch (e) {
      result.problems.push({ line: no, message: `${name}: ${issue(e)}` });
    }
  });
  // Group variables fill in what a host line left out.
  for (const host of result.hosts) {
    const vars = host.group ? groupVars.get(host.group) : undefined;
    if (!vars) continue;
    try {
      if (host.user === null && vars.ansible_user) host.user = sshUserSchema.parse(vars.ansible_user);
      if (host.port === 22 && vars.ansible_port) host.port = portSchema.parse(vars.ansible_port);
    } catch (e) {
      result.problems.push({ line: host.line, message: `${host.name}: group ${host.group}: ${issue(e)}` });
    }
  }
  return result;
}

/** Pasted lines: `[user@]address[:port] [name] [key=value ...]`, one host per line. */
function parseLines(text: string): ParsedInventory {
  const result: ParsedInventory = { format: 'lines', hosts: [], problems: [] };
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) return;
    const [target, ...rest] = line.split(/\s+/);
    const m = /^(?:([^@\s]+)@)?(\[[0-9a-fA-F:]+\]|[^:\s]+)(?::(\d+))?$/.exec(target!);
    if (!m) {
      result.problems.push({ line: i + 1, message: `"${target}" is not [user@]address[:port]` });
      return;
    }
    const address = m[2]!.replace(/^\[(.*)\]$/, '$1');
    const name = rest[0] && !rest[0].includes('=') ? rest.shift()! : address;
    try {
      const labels = Object.fromEntries(rest.map(parseLabel));
      result.hosts.push(checked(i + 1, { name, address, port: m[3] ? Number(m[3]) : 22, user: m[1] ?? null, fingerprint: null, group: null, labels }));
    } catch (e) {
      result.problems.push({ line: i + 1, message: `${name}: ${issue(e)}` });
    }
  });
  return result;
}

/** Reads an inventory in any of the supported formats, reporting problems per line. Pure. */
export function parseInventory(text: string): ParsedInventory {
  const trimmed = text.trim();
  const parsed = trimmed.startsWith('[{') || trimmed.startsWith('[\n') || trimmed === '[]' || /^\[\s*\{/.test(trimmed)
    ? parseSim(trimmed)
    : /^\[[^\]]+\]\s*$/m.test(trimmed) || /\bansible_(ssh_)?host=/.test(trimmed)
      ? parseAnsible(text)
      : parseLines(text);
  const seen = new Set<string>();
  for (const host of parsed.hosts) {
    if (seen.has(host.name)) parsed.problems.push({ line: host.line, message: `${host.name} appears more than once` });
    seen.add(host.name);
  }
  if (parsed.hosts.length > MAX_HOSTS) parsed.problems.push({ line: 0, message: `at most ${MAX_HOSTS} hosts per import` });
  return parsed;
}
