// Which features a simulated bootc version has. Thresholds come from ../shared/bootc/README.md
// ("Added later: ...") and the bootc changelog; before `--format` only `--json` existed.

export type BootcFeature =
  | 'format'
  | 'formatVersion'
  | 'architecture'
  | 'otherDeployments'
  | 'canonicalJson'
  | 'softRebootCapable'
  | 'softReboot'
  | 'composefs'
  | 'downloadOnly'
  | 'usrOverlay'
  | 'readOnly';

const FEATURE_SINCE: Record<BootcFeature, string> = {
  format: '0.1.16',
  formatVersion: '1.1.3',
  architecture: '1.1.7',
  otherDeployments: '1.3.0',
  canonicalJson: '1.5.0',
  softRebootCapable: '1.7.0',
  softReboot: '1.8.0',
  composefs: '1.9.0',
  downloadOnly: '1.12.0',
  usrOverlay: '1.14.0',
  readOnly: '1.16.7',
};

export const DEFAULT_BOOTC_VERSION = '1.16.0';

function parseVersion(version: string): number[] {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  if (parts.length !== 3 || parts.some((p) => Number.isNaN(p))) throw new Error(`invalid bootc version "${version}"`);
  return parts;
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function hasFeature(version: string, feature: BootcFeature): boolean {
  return compareVersions(version, FEATURE_SINCE[feature]) >= 0;
}
