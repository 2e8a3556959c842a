// Entry point of the `bootc-sim` executable: `bootc-sim bootc|systemctl|reboot ARGS...`.
import { basename } from 'node:path';
import { bootcSimMain } from './bootc-sim-main';

const [invokedAs, ...rest] = process.argv.slice(1);
// Called through a symlink or shim named bootc/systemctl/reboot, or as `bootc-sim NAME ...`.
const self = basename(invokedAs ?? '');
const argv = self === 'bootc-sim' || self.endsWith('.js') || self.endsWith('.cjs') ? rest : [self, ...rest];
bootcSimMain(argv, {
  env: process.env,
  isRoot: process.getuid?.() === 0,
  write: (stream, text) => process[stream].write(text),
}).then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    process.stderr.write(`bootc-sim: ${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  },
);
