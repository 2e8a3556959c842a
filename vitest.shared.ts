import { defaultClientConditions, defaultServerConditions } from 'vite';
// Test tiers (see README): the file name says which tier a test belongs to, TIER selects one.
//   unit: *.spec.ts (no I/O), int: *.int-spec.ts (real PostgreSQL, sshd, registry, xorriso),
//   boot: *.boot-spec.ts (qemu).
const patterns = {
  unit: ['src/**/*.spec.ts', 'src/**/*.spec.tsx', 'test/**/*.spec.ts'],
  int: ['src/**/*.int-spec.ts', 'test/**/*.int-spec.ts'],
  boot: ['src/**/*.boot-spec.ts', 'test/**/*.boot-spec.ts'],
} as const;

export type Tier = keyof typeof patterns;

export function tierInclude(tier = process.env.TIER ?? 'unit'): string[] {
  if (!(tier in patterns)) throw new Error(`TIER must be one of ${Object.keys(patterns).join(', ')}, got "${tier}"`);
  return [...patterns[tier as Tier]];
}

export function isSlowTier(): boolean {
  return (process.env.TIER ?? 'unit') !== 'unit';
}

// Workspace packages are tested from their TypeScript sources, never from a possibly stale dist/:
// the `source` export condition points at src/. Vitest resolves test code as SSR, so both the
// client and the server resolution conditions need it.
export const resolveWorkspaceSources = {
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
};
