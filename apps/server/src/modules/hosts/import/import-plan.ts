import type { InventoryHost, InventoryProblem, ParsedInventory } from '../inventory-import';

export interface ImportDefaults {
  user?: string | undefined;
  port?: number | undefined;
  labels: Record<string, string>;
  group: string | null;
}

/** A host ready to enroll: every field resolved, the fingerprint to pin known. */
export interface PlannedHost {
  name: string;
  address: string;
  port: number;
  user: string;
  fingerprint: string;
  labels: Record<string, string>;
  group: string | null;
}

/**
 * An inventory host with the request's defaults filled in. The parsers report an absent port as 22,
 * so a default port replaces 22 (as Ansible group variables do in the INI parser).
 */
export function withDefaults(host: InventoryHost, defaults: ImportDefaults): InventoryHost {
  return {
    ...host,
    user: host.user ?? defaults.user ?? null,
    port: host.port === 22 && defaults.port !== undefined ? defaults.port : host.port,
    labels: { ...defaults.labels, ...host.labels },
    group: host.group ?? defaults.group,
  };
}

export interface ImportPlan {
  hosts: PlannedHost[];
  problems: InventoryProblem[];
  /** Hosts with no fingerprint from the inventory and none approved by the operator. */
  unapproved: string[];
}

/** What an import would enroll, and what stops it. Pure; the caller refuses unless both lists are empty. */
export function planImport(parsed: ParsedInventory, defaults: ImportDefaults, approved: Record<string, string>): ImportPlan {
  const plan: ImportPlan = { hosts: [], problems: [...parsed.problems], unapproved: [] };
  for (const raw of parsed.hosts) {
    const host = withDefaults(raw, defaults);
    const fingerprint = host.fingerprint ?? approved[host.name] ?? null;
    if (host.user === null) {
      plan.problems.push({ line: host.line, message: `${host.name}: no SSH user (give one in the inventory or as the default)` });
      continue;
    }
    if (fingerprint === null) {
      plan.unapproved.push(host.name);
      continue;
    }
    plan.hosts.push({ name: host.name, address: host.address, port: host.port, user: host.user, fingerprint, labels: host.labels, group: host.group });
  }
  return plan;
}
