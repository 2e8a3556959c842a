import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, selectAllMatching, selectedCount, toggle, togglePage } from './host-selection';

const rows = ['a', 'b', 'c', 'd', 'e'];

describe('host selection', () => {
  it('toggles one row, and shift-click selects the range from the last clicked row', () => {
    let s = toggle(EMPTY_SELECTION, rows, 'b', false);
    expect([...s.ids]).toEqual(['b']);
    s = toggle(s, rows, 'e', true);
    expect([...s.ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    // Shift-click on a selected row clears the range back to the anchor.
    s = toggle(s, rows, 'c', true);
    expect([...s.ids].sort()).toEqual(['b']);
  });

  it('shift-click without an anchor selects just that row', () => {
    expect([...toggle(EMPTY_SELECTION, rows, 'c', true).ids]).toEqual(['c']);
  });

  it('selects and clears the whole page, and counts every matching host when asked', () => {
    const page = togglePage(EMPTY_SELECTION, rows);
    expect(page.ids.size).toBe(5);
    expect(togglePage(page, rows).ids.size).toBe(0);
    expect(selectedCount(page, 1234)).toBe(5);
    expect(selectedCount(selectAllMatching(rows), 1234)).toBe(1234);
  });
});
