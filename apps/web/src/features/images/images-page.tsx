import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../auth';
import { StatusBadge } from '../../components/status-badge';
import { Dialog, FormError } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { describeInterval, relativeTime, shortDigest } from './describe-image';
import { ImageDetails } from './image-details';
import './images.css';
import { TrackImageForm } from './track-image-form';
import { type Image, useImageMutations, useImages, useLiveImages } from './use-images';

function PollStatus({ image }: { image: Image }) {
  if (image.lastError) {
    return (
      <StatusBadge tone="danger" title={`${image.lastError.message} (${image.lastError.code}) at ${new Date(image.lastError.at).toLocaleString()}`}>
        {image.lastError.code}: {image.lastError.message}
      </StatusBadge>
    );
  }
  return image.lastPolledAt ? <StatusBadge tone="ok">polled {relativeTime(image.lastPolledAt, new Date())}</StatusBadge> : <span className="muted">not polled</span>;
}

export function ImagesPage() {
  useLiveImages();
  const images = useImages();
  const { refresh, remove } = useImageMutations();
  const [params, setParams] = useSearchParams();
  const [tracking, setTracking] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // Viewers see the list; the buttons that change it are for those allowed to.
  const canChange = useCan('operator');
  const selected = images.data?.find((i) => i.id === params.get('image'));

  const select = (id: string | null) => setParams(id ? { image: id } : {}, { replace: true });

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      const errors = formErrors(error);
      setActionError(errors.form ?? Object.values(errors.fields)[0] ?? 'failed');
    }
  }

  const columns: DataTableColumn<Image>[] = [
    {
      id: 'reference',
      header: 'Image',
      cell: (i) => (
        <button type="button" className="button button--ghost mono" onClick={() => select(i.id)} aria-label={`Show ${i.reference}`}>
          {i.reference}
        </button>
      ),
    },
    { id: 'registry', header: 'Registry', width: '11%', cell: (i) => i.registryName },
    {
      id: 'current',
      header: 'Current revision',
      width: '24%',
      cell: (i) => (
        <span data-testid="current-revision">
          {i.current.map((r) => (
            <span key={r.id} style={{ display: 'block' }}>
              <strong>{r.version ?? '—'}</strong> <span className="mono" title={r.digest}>{shortDigest(r.digest)}</span> <span className="muted">{r.architecture}</span>
            </span>
          ))}
        </span>
      ),
    },
    { id: 'poll', header: 'Last poll', width: '20%', cell: (i) => <PollStatus image={i} /> },
    {
      id: 'interval',
      header: 'Every',
      width: '7%',
      align: 'end',
      cell: (i) => <span title={i.pollIntervalSeconds === null ? 'default from Settings' : 'set on this image'}>{describeInterval(i.effectivePollIntervalSeconds)}</span>,
    },
  ];
  if (canChange)
    columns.push({
      id: 'actions',
      header: '',
      width: '150px',
      align: 'end',
      cell: (i) => (
        <span className="row-actions">
          <button type="button" className="button" onClick={() => void run(() => refresh.mutateAsync(i.id))} aria-label={`Refresh ${i.reference}`} disabled={refresh.isPending && refresh.variables === i.id}>
            Refresh
          </button>
          <button
            type="button"
            className="button button--danger"
            aria-label={`Stop tracking ${i.reference}`}
            onClick={() => window.confirm(`Stop tracking ${i.reference}?`) && void run(() => remove.mutateAsync(i.id))}
          >
            Delete
          </button>
        </span>
      ),
    });

  return (
    <>
      <PageHeader
        title="Images"
        description="Tracked tags, the digests they have pointed at, and which hosts run which revision."
        actions={
          canChange ? (
            <button type="button" className="button button--primary" onClick={() => setTracking(true)}>
              Track image
            </button>
          ) : null
        }
      />
      <FormError message={actionError ?? (images.error ? formErrors(images.error).form : null)} />
      <DataTable
        label="Images"
        columns={columns}
        rows={images.data ?? []}
        rowKey={(i) => i.id}
        loading={images.isPending}
        empty={
          <EmptyState title="No images tracked yet">
            <p>Track a repository and tag from one of your registries. bootfleet polls it for new digests and marks hosts whose booted digest is behind as having an update available.</p>
          </EmptyState>
        }
      />
      {selected ? <ImageDetails image={selected} onClose={() => select(null)} /> : null}
      {tracking ? (
        <Dialog title="Track image" onClose={() => setTracking(false)}>
          <TrackImageForm onDone={() => setTracking(false)} />
        </Dialog>
      ) : null}
    </>
  );
}
