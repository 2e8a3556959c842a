// Entry point of `bootfleet-sim`: prints where things are, then runs until SIGINT/SIGTERM.
import { startFromCli } from './bootfleet-sim-main';

startFromCli(process.argv.slice(2)).then(
  (sim) => {
    process.stdout.write(`${JSON.stringify({ hosts: sim.fleet.nodes.length, inventory: sim.fleet.inventoryPath, keyPath: sim.fleet.keyPath, control: sim.control.url })}\n`);
    const stop = () => void sim.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  },
);
