// The host's files in memory: enough for credentials, registries.conf.d drop-ins and os-release.
import { posix } from 'node:path';

export interface VirtualFile {
  content: string;
  mode: number;
}

export class VirtualFs {
  private files = new Map<string, VirtualFile>();
  private dirs = new Set<string>(['/']);
  /** Where relative paths start, as a process's working directory. */
  private cwd = '/';

  constructor(initial: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(initial)) this.write(path, content, 0o644, { createParents: true });
  }

  /** The same files seen from another working directory (sshd starts commands in the user's home). */
  at(cwd: string): VirtualFs {
    const view = new VirtualFs();
    view.files = this.files;
    view.dirs = this.dirs;
    view.cwd = this.resolve(cwd);
    return view;
  }

  /** An absolute, normalised path: relative ones start at the working directory. */
  resolve(path: string): string {
    return posix.resolve(this.cwd, path);
  }

  read(path: string): string | undefined {
    return this.files.get(this.resolve(path))?.content;
  }

  stat(path: string): { kind: 'file'; mode: number } | { kind: 'dir' } | undefined {
    const p = this.resolve(path);
    if (this.dirs.has(p)) return { kind: 'dir' };
    const file = this.files.get(p);
    return file ? { kind: 'file', mode: file.mode } : undefined;
  }

  /** Throws ENOENT-style errors the way coreutils words them, so callers can prefix their own name. */
  write(path: string, content: string, mode = 0o644, opts: { createParents?: boolean } = {}): void {
    const p = this.resolve(path);
    if (this.dirs.has(p)) throw new Error('Is a directory');
    const parent = posix.dirname(p);
    if (opts.createParents) this.mkdirp(parent);
    else if (!this.dirs.has(parent)) throw new Error('No such file or directory');
    this.files.set(p, { content, mode: this.files.get(p)?.mode ?? mode });
  }

  chmod(path: string, mode: number): void {
    const p = this.resolve(path);
    const file = this.files.get(p);
    if (!file) throw new Error('No such file or directory');
    this.files.set(p, { ...file, mode });
  }

  mkdirp(path: string): void {
    let p = this.resolve(path);
    while (!this.dirs.has(p)) {
      if (this.files.has(p)) throw new Error('File exists');
      this.dirs.add(p);
      p = posix.dirname(p);
    }
  }

  rename(from: string, to: string): void {
    const src = this.resolve(from);
    const file = this.files.get(src);
    if (!file) throw new Error('No such file or directory');
    let dst = this.resolve(to);
    if (this.dirs.has(dst)) dst = posix.join(dst, posix.basename(src));
    if (!this.dirs.has(posix.dirname(dst))) throw new Error('No such file or directory');
    this.files.delete(src);
    this.files.set(dst, file);
  }

  remove(path: string): boolean {
    return this.files.delete(this.resolve(path));
  }

  /** Files directly inside dir, sorted by name (what a glob over a drop-in directory sees). */
  list(dir: string): string[] {
    const d = this.resolve(dir);
    return [...this.files.keys()].filter((p) => posix.dirname(p) === d).sort();
  }
}
