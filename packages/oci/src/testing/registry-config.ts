export type RegistryAuthConfig =
  | { kind: 'none' }
  | { kind: 'htpasswd'; path: string }
  | { kind: 'token'; realm: string; service: string; issuer: string; rootCertBundle: string };

export interface RegistryConfigInput {
  port: number;
  storageDir: string;
  auth: RegistryAuthConfig;
  tls?: { certificate: string; key: string };
  secret: string;
}

/** JSON is valid YAML, so the config is rendered without a YAML library or hand-quoting. */
export function renderRegistryConfig(input: RegistryConfigInput): string {
  const auth =
    input.auth.kind === 'htpasswd'
      ? { htpasswd: { realm: 'bootfleet-test', path: input.auth.path } }
      : input.auth.kind === 'token'
        ? { token: { realm: input.auth.realm, service: input.auth.service, issuer: input.auth.issuer, rootcertbundle: input.auth.rootCertBundle } }
        : undefined;
  const config = {
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: input.storageDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${input.port}`,
      secret: input.secret,
      ...(input.tls ? { tls: { certificate: input.tls.certificate, key: input.tls.key } } : {}),
    },
    ...(auth ? { auth } : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
