import { type RefObject, useEffect, useState } from 'react';
import { ATTENTION_FLAGS, type FleetView, HOST_STATUSES, withFilter } from './fleet-query';
import { ATTENTION_TEXT } from './describe-host';
import { useImageChoices } from './use-hosts';

interface FleetFiltersProps {
  view: FleetView;
  onChange: (view: FleetView) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

// Typing in the search box updates the URL (and the query) once the operator pauses.
const SEARCH_DEBOUNCE_MS = 250;

/** Search and filters; every change lands in the URL through onChange. */
export function FleetFilters({ view, onChange, searchRef }: FleetFiltersProps) {
  const [search, setSearch] = useState(view.q);
  const [imagesWanted, setImagesWanted] = useState(view.imageId !== '');
  const images = useImageChoices(imagesWanted);
  const [label, setLabel] = useState('');
  useEffect(() => setSearch(view.q), [view.q]);
  useEffect(() => {
    if (search === view.q) return undefined;
    const timer = setTimeout(() => onChange(withFilter(view, { q: search })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, view, onChange]);

  return (
    <div className="fleet-filters" role="search">
      <input
        ref={searchRef}
        type="search"
        className="input"
        placeholder="Search name, address, version, digest  ( / )"
        aria-label="Search hosts"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <select className="input" aria-label="Status" value={view.status ?? ''} onChange={(e) => onChange(withFilter(view, { status: (e.target.value || null) as FleetView['status'] }))}>
        <option value="">Any status</option>
        {HOST_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label="Update available"
        value={view.updateAvailable === null ? '' : view.updateAvailable ? 'yes' : 'no'}
        onChange={(e) => onChange(withFilter(view, { updateAvailable: e.target.value === '' ? null : e.target.value === 'yes' }))}
      >
        <option value="">Update: any</option>
        <option value="yes">Update available</option>
        <option value="no">Up to date</option>
      </select>
      <select className="input" aria-label="Attention" value={view.attention ?? ''} onChange={(e) => onChange(withFilter(view, { attention: (e.target.value || null) as FleetView['attention'] }))}>
        <option value="">Any attention</option>
        {ATTENTION_FLAGS.map((f) => (
          <option key={f} value={f}>
            {ATTENTION_TEXT[f].label}
          </option>
        ))}
      </select>
      <select className="input" aria-label="Image" value={view.imageId} onFocus={() => setImagesWanted(true)} onChange={(e) => onChange(withFilter(view, { imageId: e.target.value }))}>
        <option value="">Any image</option>
        {(images.data ?? []).map((i) => (
          <option key={i.id} value={i.id}>
            {i.reference}
          </option>
        ))}
      </select>
      <input className="input" aria-label="Group" placeholder="Group" value={view.group} onChange={(e) => onChange(withFilter(view, { group: e.target.value.trim() }))} />
      <form
        className="fleet-filters__label"
        onSubmit={(e) => {
          e.preventDefault();
          if (label.includes('=') && !view.labels.includes(label)) onChange(withFilter(view, { labels: [...view.labels, label.trim()] }));
          setLabel('');
        }}
      >
        <input className="input" aria-label="Label filter" placeholder="label key=value ⏎" value={label} onChange={(e) => setLabel(e.target.value)} />
      </form>
      {view.labels.map((l) => (
        <button key={l} type="button" className="chip" aria-label={`Remove label filter ${l}`} onClick={() => onChange(withFilter(view, { labels: view.labels.filter((x) => x !== l) }))}>
          {l} ×
        </button>
      ))}
    </div>
  );
}
