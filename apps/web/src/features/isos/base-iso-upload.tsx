import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormError } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { formatBytes } from './host-record';
import { ISOS_KEY, uploadBaseIso, useIsoMutations } from './use-isos';

/** Upload (with a progress bar) or registration of a file already on the server. */
export function BaseIsoUpload() {
  const queryClient = useQueryClient();
  const { register } = useIsoMutations();
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; bytes: number; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const abort = useRef<AbortController | null>(null);

  async function upload(file: File) {
    setError(null);
    abort.current = new AbortController();
    setProgress({ name: file.name, bytes: file.size, fraction: 0 });
    try {
      await uploadBaseIso(file, file.name, (fraction) => setProgress({ name: file.name, bytes: file.size, fraction }), abort.current.signal);
    } catch (e) {
      setError(formErrors(e).form ?? 'upload failed');
    } finally {
      setProgress(null);
      if (fileInput.current) fileInput.current.value = '';
      void queryClient.invalidateQueries({ queryKey: ISOS_KEY });
    }
  }

  async function registerPath(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await register.mutateAsync({ path: path.trim() });
      setPath('');
    } catch (err) {
      const errors = formErrors(err);
      setError(errors.fields.path ?? errors.form ?? 'registration failed');
    }
  }

  return (
    <div>
      <div className="iso-upload">
        <label className="button button--primary">
          Upload base ISO
          <input ref={fileInput} type="file" accept=".iso,application/x-iso9660-image" hidden onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} aria-label="Base ISO file" />
        </label>
        {progress ? (
          <>
            <progress className="iso-progress" max={1} value={progress.fraction} aria-label={`Uploading ${progress.name}`} />
            <span className="muted">
              {progress.fraction < 1 ? `${Math.round(progress.fraction * 100)} % of ${formatBytes(progress.bytes)}` : 'checking the ISO…'}
            </span>
            <button type="button" className="button button--ghost" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </>
        ) : null}
        <form className="iso-upload" onSubmit={(e) => void registerPath(e)} aria-label="Register a server path">
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/srv/isos/boot.iso" aria-label="Path on the server" className="mono" />
          <button type="submit" className="button" disabled={!path.trim() || register.isPending}>
            Register path
          </button>
        </form>
      </div>
      <FormError message={error} />
    </div>
  );
}
