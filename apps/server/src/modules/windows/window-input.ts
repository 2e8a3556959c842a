import { DomainError } from '../../common/domain-error';
import { parseTimeZone, parseWindowSpec, type WindowSpec, WindowSpecError, type WindowSpecInput } from './schedule';
import { selectorProblem, type WindowSelector } from './window-selector';
import type { WindowPreviewInput } from './windows.dto';

export interface ValidWindow {
  spec: WindowSpec;
  selector: WindowSelector;
  /** The zone descriptions are shown in: the cron's zone, or for a one-off the zone it was entered in (UTC if none). */
  displayTimeZone: string;
}

/**
 * Checks a window as the API receives it. Every problem is a 400 with the schedule module's code
 * (WINDOW_INVALID_CRON, WINDOW_TOO_SHORT...) and the offending field in details.
 */
export function validateWindowInput(input: WindowPreviewInput, minimumMinutes: number): ValidWindow {
  try {
    const spec = parseWindowSpec(input as WindowSpecInput, { minimumMinutes });
    const displayTimeZone = spec.kind === 'recurring' ? spec.timeZone : input.timeZone ? parseTimeZone(input.timeZone) : 'UTC';
    const selector: WindowSelector = {
      allHosts: input.selector.allHosts ?? false,
      labels: input.selector.labels ?? {},
      groups: [...new Set(input.selector.groups ?? [])],
    };
    const problem = selectorProblem(selector);
    if (problem) throw new DomainError('invalid', problem.code, problem.message, { field: problem.field });
    return { spec, selector, displayTimeZone };
  } catch (error) {
    if (error instanceof WindowSpecError) throw new DomainError('invalid', error.code, error.message, { field: error.field });
    throw error;
  }
}
