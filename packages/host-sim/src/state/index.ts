export * from './types';
export * from './bootc-error';
export * from './bootc-version';
export * from './host-state';
export * from './auto-update-timer';
export * from './status-document';
export * from './bootc-cli';
