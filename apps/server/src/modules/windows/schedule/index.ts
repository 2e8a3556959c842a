export { WindowSpecError, type WindowSpecErrorCode } from './window-spec-error';
export {
  MAX_DURATION_MINUTES, parseTimeZone, parseWindowSpec,
  type OneOffWindowInput, type OneOffWindowSpec, type ParseWindowSpecOptions, type RecurringWindowInput,
  type RecurringWindowSpec, type WindowSpec, type WindowSpecInput,
} from './window-spec';
export { isOpenAt, type Opening } from './opening';
export { MAX_OPENINGS_PER_QUERY, nextOpenings, openingsBetween, openingsFrom } from './openings';
export { activeOpening, hostOpeningsFrom, MAX_MERGED_SPAN_MS, MERGE_LOOKBACK_MS, nextOpening } from './host-openings';
export { NEXT_REBOOT_LOOKAHEAD_MS, rebootAllowed, type RebootDecision } from './reboot-gate';
export { describeWindow } from './describe-window';
