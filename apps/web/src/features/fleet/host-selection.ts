/**
 * Which hosts are selected: a set of ids on the current page, or "every host matching the
 * filters" (which may span pages and is resolved by the server). Pure.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  allMatching: boolean;
  /** The last row clicked without shift: the start of a shift-click range. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), allMatching: false, anchor: null };

/** A click on one row's checkbox; with shift, every row from the anchor to it takes the clicked row's new state. */
export function toggle(selection: Selection, rowIds: readonly string[], id: string, shift: boolean): Selection {
  const select = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const from = selection.anchor === null ? -1 : rowIds.indexOf(selection.anchor);
  const to = rowIds.indexOf(id);
  const range = shift && from >= 0 && to >= 0 ? rowIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const r of range) {
    if (select) ids.add(r);
    else ids.delete(r);
  }
  return { ids, allMatching: false, anchor: id };
}

/** The header checkbox: selects the whole page, or clears it when the page is already selected. */
export function togglePage(selection: Selection, rowIds: readonly string[]): Selection {
  const all = rowIds.length > 0 && rowIds.every((id) => selection.ids.has(id));
  return { ids: all ? new Set() : new Set(rowIds), allMatching: false, anchor: null };
}

export function selectAllMatching(rowIds: readonly string[]): Selection {
  return { ids: new Set(rowIds), allMatching: true, anchor: null };
}

/** How many hosts an action would touch. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.allMatching ? total : selection.ids.size;
}
