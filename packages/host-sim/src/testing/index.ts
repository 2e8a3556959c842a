export { sshConnect, sshExec, sshRun, type ExecOutcome, type SshTarget } from './ssh-client';
export { simExecutableDir, SIM_BIN_DIR } from './sim-executable';
export { acceptsConnections } from './tcp-probe';
export { startSshdHost, type SshdHost, type SshdHostOptions } from './start-sshd-host';
