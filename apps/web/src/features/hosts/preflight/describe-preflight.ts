import type { StatusTone } from '../../../components/status-badge';
import type { PreflightCheck, PreflightResult } from './use-preflight';

export interface DescribedCheck {
  name: PreflightCheck['name'];
  label: string;
  tone: StatusTone;
  state: 'ok' | 'failed' | 'not tried';
  /** The agent's error code when the server put one in front of the detail (`REGISTRY_AUTH_FAILED: ...`). */
  code: string | null;
  message: string;
  /** What to do about a failed check, when there is something to say. */
  hint: string | null;
  /** The fix is pushing the registry's settings from the Registries page. */
  fixedByPush: boolean;
}

const LABELS: Record<PreflightCheck['name'], string> = {
  reachable: 'SSH',
  credentials: 'Credentials',
  trust: 'Registry trust',
  pull: 'Test pull',
};

const PUSH_HINT = "An admin writes the registry's settings to the host from Registries → Push credentials.";

// The server words failures as `CODE: message`; anything else is a plain message.
const CODED = /^([A-Z][A-Z0-9_]+): ([\s\S]*)$/;

function hintFor(check: PreflightCheck, code: string | null): Pick<DescribedCheck, 'hint' | 'fixedByPush'> {
  if (check.ok !== false) return { hint: null, fixedByPush: false };
  if (check.name === 'credentials' || check.name === 'trust') return { hint: PUSH_HINT, fixedByPush: true };
  if (check.name === 'reachable') return { hint: 'bootfleet could not act on the host over SSH: check that it is up and answers; its page shows the last contact error.', fixedByPush: false };
  if (code === 'REGISTRY_AUTH_FAILED') return { hint: `The registry refused the host's credentials. ${PUSH_HINT}`, fixedByPush: true };
  return { hint: null, fixedByPush: false };
}

export function describeCheck(check: PreflightCheck): DescribedCheck {
  const coded = check.ok === false ? CODED.exec(check.detail) : null;
  const code = coded?.[1] ?? null;
  return {
    name: check.name,
    label: LABELS[check.name],
    tone: check.ok === null ? 'neutral' : check.ok ? 'ok' : 'danger',
    state: check.ok === null ? 'not tried' : check.ok ? 'ok' : 'failed',
    code,
    message: coded?.[2] ?? check.detail,
    ...hintFor(check, code),
  };
}

/** The verdict first: can pull, cannot pull, or nothing wrong found while the pull itself was not tried. */
export function describePreflight(result: PreflightResult): { tone: StatusTone; label: string; checks: DescribedCheck[] } {
  const checks = result.checks.map(describeCheck);
  if (!result.canPull) return { tone: 'danger', label: 'Cannot pull', checks };
  if (result.checks.some((c) => c.ok === null)) return { tone: 'info', label: 'No problem found (pull not tried)', checks };
  return { tone: 'ok', label: 'Can pull', checks };
}
