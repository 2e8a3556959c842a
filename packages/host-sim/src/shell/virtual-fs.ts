// The host's files in memory: enough for credentials, registries.conf.d drop-ins and os-release.
import { posix } from 'node:path';

export interface VirtualFile {
  content: string;
  mode: number;
}

export class VirtualFs {
  private readonly files = new Map<string, VirtualFile>();
  private readonly dirs = new Set<string>(['/']);

  constructor(initial: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(initial)) this.write(path, content, 0o644, { createParents: true });
  }

  static normalize(path: string): string {
    return posix.resolve('/', path);
  }

  read(path: string): string | undefined {
    return this.files.get(VirtualFs.normalize(path))?.content;
  }

  stat(path: string): { kind: 'file'; mode: number } | { kind: 'dir' } | undefined {
    const p = VirtualFs.normalize(path);
    if (this.dirs.has(p)) return { kind: 'dir' };
    const file = this.files.get(p);
    return file ? { kind: 'file', mode: file.mode } : undefined;
  }

  /** Throws ENOENT-style errors the way coreutils words them, so callers can prefix their own name. */
  write(path: string, content: string, mode = 0o644, opts: { createParents?: boolean } = {}): void {
    const p = VirtualFs.normalize(path);
    if (this.dirs.has(p)) throw new Error('Is a directory');
    const parent = posix.dirname(p);
    if (opts.createParents) this.mkdirp(parent);
    else if (!this.dirs.has(parent)) throw new Error('No such file or directory');
    this.files.set(p, { content, mode: this.files.get(p)?.mode ?? mode });
  }

  chmod(path: string, mode: number): void {
    const p = VirtualFs.normalize(path);
    const file = this.files.get(p);
    if (!file) throw new Error('No such file or directory');
    this.files.set(p, { ...file, mode });
  }

  mkdirp(path: string): void {
    let p = VirtualFs.normalize(path);
    while (!this.dirs.has(p)) {
      if (this.files.has(p)) throw new Error('File exists');
      this.dirs.add(p);
      p = posix.dirname(p);
    }
  }

  rename(from: string, to: string): void {
    const src = VirtualFs.normalize(from);
    const file = this.files.get(src);
    if (!file) throw new Error('No such file or directory');
    let dst = VirtualFs.normalize(to);
    if (this.dirs.has(dst)) dst = posix.join(dst, posix.basename(src));
    if (!this.dirs.has(posix.dirname(dst))) throw new Error('No such file or directory');
    this.files.delete(src);
    this.files.set(dst, file);
  }

  remove(path: string): boolean {
    return this.files.delete(VirtualFs.normalize(path));
  }

  /** Files directly inside dir, sorted by name (what a glob over a drop-in directory sees). */
  list(dir: string): string[] {
    const d = VirtualFs.normalize(dir);
    return [...this.files.keys()].filter((p) => posix.dirname(p) === d).sort();
  }
}
