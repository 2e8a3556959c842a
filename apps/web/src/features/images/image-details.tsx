import { FormError } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { RevisionChart } from './revision-chart';
import { RevisionTimeline } from './revision-timeline';
import { type Image, useImageRevisions, useRevisionUsage } from './use-images';

/** One image: its revision timeline and how many hosts boot each revision. */
export function ImageDetails({ image, onClose }: { image: Image; onClose: () => void }) {
  const revisions = useImageRevisions(image.id);
  const usage = useRevisionUsage(image.id);
  return (
    <section className="image-details" aria-label={`Image ${image.reference}`}>
      <div className="image-details__header">
        <h2 className="mono">{image.reference}</h2>
        <span className="muted">
          {image.revisionCount} revision{image.revisionCount === 1 ? '' : 's'} seen
        </span>
        <button type="button" className="button button--ghost" onClick={onClose} style={{ marginLeft: 'auto' }}>
          Close
        </button>
      </div>
      <div>
        <h3>Revision timeline</h3>
        <FormError message={revisions.error ? formErrors(revisions.error).form : null} />
        <RevisionTimeline imageId={image.id} revisions={revisions.data ?? []} />
      </div>
      <div>
        <h3>Hosts per revision</h3>
        <FormError message={usage.error ? formErrors(usage.error).form : null} />
        {usage.data ? <RevisionChart usage={usage.data} revisions={revisions.data ?? []} /> : null}
      </div>
    </section>
  );
}
