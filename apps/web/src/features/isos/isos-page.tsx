import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge, type StatusTone } from '../../components/status-badge';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { useImages } from '../images/use-images';
import { AddHostsWizard } from './add-hosts-wizard';
import { BaseIsoUpload } from './base-iso-upload';
import { formatBytes } from './host-record';
import { type BaseIso, type IsoTemplate, useBaseIsos, useIsoMutations, useLiveIsos, useTemplates } from './use-isos';
import './isos.css';

const TONE: Record<BaseIso['state'] | IsoTemplate['state'], StatusTone> = { ready: 'ok', failed: 'danger', building: 'info', queued: 'neutral', uploading: 'info' };

function TemplateState({ template }: { template: IsoTemplate }) {
  if (template.state === 'failed' && template.error) {
    return (
      <StatusBadge tone="danger" title={template.error.message}>
        {template.error.code}: {template.error.message}
      </StatusBadge>
    );
  }
  if (template.state === 'building' && template.progress) {
    return (
      <span>
        <StatusBadge tone="info">building</StatusBadge> <progress max={100} value={template.progress.percent} aria-label="Build progress" /> <span className="muted">{template.progress.step}</span>
      </span>
    );
  }
  return <StatusBadge tone={TONE[template.state]}>{template.state}</StatusBadge>;
}

function BuildTemplateDialog({ bases, onClose }: { bases: BaseIso[]; onClose: () => void }) {
  const images = useImages();
  const { createTemplate } = useIsoMutations();
  const [baseId, setBaseId] = useState(bases.find((b) => b.state === 'ready')?.id ?? '');
  const [imageId, setImageId] = useState('');
  const [offline, setOffline] = useState(false);
  const [kernelArgs, setKernelArgs] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await createTemplate.mutateAsync({ baseId, imageId, offline, kernelArgs: kernelArgs.split(/\s+/).filter(Boolean) });
      onClose();
    } catch (err) {
      const errors = formErrors(err);
      setError(errors.form ?? Object.values(errors.fields)[0] ?? 'failed');
    }
  }

  return (
    <Dialog title="Build template" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Build template">
        <FormField label="Base ISO" htmlFor="template-base">
          <select id="template-base" value={baseId} onChange={(e) => setBaseId(e.target.value)}>
            {bases
              .filter((b) => b.state === 'ready')
              .map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({b.inspection?.volumeLabel ?? '?'})
                </option>
              ))}
          </select>
        </FormField>
        <FormField label="Image" htmlFor="template-image" hint="The template pins the digest the tag points at when it is built">
          <select id="template-image" value={imageId} onChange={(e) => setImageId(e.target.value)}>
            <option value="">Choose a tracked image…</option>
            {(images.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.reference}
              </option>
            ))}
          </select>
        </FormField>
        <label className="form-check">
          <input type="checkbox" checked={offline} onChange={(e) => setOffline(e.target.checked)} /> Offline: carry the image inside the ISO
        </label>
        <FormField label="Extra kernel arguments" htmlFor="template-args" hint="Space-separated, e.g. console=ttyS0">
          <input id="template-args" className="mono" value={kernelArgs} onChange={(e) => setKernelArgs(e.target.value)} />
        </FormField>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!baseId || !imageId || createTemplate.isPending}>
            Build
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function IsosPage() {
  useLiveIsos();
  const bases = useBaseIsos();
  const templates = useTemplates();
  const { removeBase, removeTemplate } = useIsoMutations();
  const [dialog, setDialog] = useState<'template' | 'hosts' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const nothing = !bases.data?.length && !templates.data?.length;

  async function run(action: () => Promise<unknown>) {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(formErrors(error).form ?? 'failed');
    }
  }

  const baseColumns: DataTableColumn<BaseIso>[] = [
    { id: 'name', header: 'Name', cell: (b) => <span title={b.external ? 'registered in place' : 'uploaded'}>{b.name}</span> },
    { id: 'label', header: 'Volume label', width: '16%', cell: (b) => <span className="mono">{b.inspection?.volumeLabel ?? '—'}</span> },
    {
      id: 'layout',
      header: 'Layout',
      width: '16%',
      cell: (b) =>
        b.inspection ? (
          <span title={b.inspection.bootConfigs.map((c) => `${c.path}: ${c.kernelLines.join(' | ')}`).join('\n')}>
            {b.inspection.layout} · {b.inspection.architecture}
          </span>
        ) : (
          '—'
        ),
    },
    { id: 'size', header: 'Size', width: '9%', align: 'end', cell: (b) => formatBytes(b.size) },
    { id: 'sha', header: 'sha256', width: '14%', cell: (b) => <span className="mono" title={b.sha256 ?? ''}>{b.sha256?.slice(0, 12) ?? '—'}</span> },
    { id: 'state', header: 'State', width: '9%', cell: (b) => <StatusBadge tone={TONE[b.state]}>{b.state}</StatusBadge> },
    {
      id: 'actions',
      header: '',
      width: '90px',
      align: 'end',
      cell: (b) => (
        <button type="button" className="button button--danger" aria-label={`Delete ${b.name}`} onClick={() => window.confirm(`Delete ${b.name}?`) && void run(() => removeBase.mutateAsync(b.id))}>
          Delete
        </button>
      ),
    },
  ];

  const templateColumns: DataTableColumn<IsoTemplate>[] = [
    { id: 'base', header: 'Base', width: '18%', cell: (t) => t.baseName },
    {
      id: 'image',
      header: 'Image',
      cell: (t) => (
        <span className="mono" title={t.pinnedRef ?? 'resolved when built'}>
          {t.imageRef}
          {t.offline ? ' (offline)' : ''}
        </span>
      ),
    },
    { id: 'size', header: 'Size', width: '9%', align: 'end', cell: (t) => (t.size === null ? '—' : formatBytes(t.size)) },
    { id: 'state', header: 'State', width: '30%', cell: (t) => <TemplateState template={t} /> },
    {
      id: 'actions',
      header: '',
      width: '90px',
      align: 'end',
      cell: (t) => (
        <button type="button" className="button button--danger" aria-label={`Delete template ${t.imageRef}`} onClick={() => window.confirm('Delete this template? Its download links stop working.') && void run(() => removeTemplate.mutateAsync(t.id))}>
          Delete
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="ISOs"
        description="Install ISOs: a base installer remastered once per image; every host's ISO carries its own kickstart and enrolls it when the install finishes."
        actions={
          <>
            <button type="button" className="button" onClick={() => setDialog('template')} disabled={!bases.data?.some((b) => b.state === 'ready')}>
              Build template
            </button>
            <button type="button" className="button button--primary" onClick={() => setDialog('hosts')} disabled={!templates.data?.some((t) => t.state === 'ready')}>
              Add hosts by ISO
            </button>
          </>
        }
      />
      <FormError message={actionError ?? (bases.error ? formErrors(bases.error).form : null)} />
      {bases.isPending ? null : nothing ? (
        <EmptyState title="No base ISO yet" action={<BaseIsoUpload />}>
          <p>Upload an installer boot.iso (RHEL, CentOS, Fedora) or register one already on the server. Then build a template for a tracked image and download per-host ISOs.</p>
        </EmptyState>
      ) : (
        <>
          <section className="iso-section" aria-label="Base ISOs">
            <h2>Base ISOs</h2>
            <BaseIsoUpload />
            <DataTable label="Base ISOs" columns={baseColumns} rows={bases.data ?? []} rowKey={(b) => b.id} loading={false} empty="No base ISO." />
          </section>
          <section className="iso-section" aria-label="Templates">
            <h2>Templates</h2>
            <DataTable label="Templates" columns={templateColumns} rows={templates.data ?? []} rowKey={(t) => t.id} loading={templates.isPending} empty="No template yet: build one from a base ISO and a tracked image." />
          </section>
        </>
      )}
      {dialog === 'template' ? <BuildTemplateDialog bases={bases.data ?? []} onClose={() => setDialog(null)} /> : null}
      {dialog === 'hosts' ? <AddHostsWizard templates={templates.data ?? []} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
