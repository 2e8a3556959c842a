import type { AppConfig } from '../../config/config.schema';
import { type Keyring, masterKey } from './envelope';
import { loadOrCreateKeyFile } from './master-key-file';

/** BOOTFLEET_SECRET_KEY when set, else the key file in the data directory (created on first start). */
export async function loadKeyring(config: Pick<AppConfig, 'secretKey' | 'dataDir'>): Promise<Keyring> {
  if (config.secretKey) return { current: masterKey(config.secretKey), others: [] };
  const { current, pending } = await loadOrCreateKeyFile(config.dataDir);
  return { current, others: pending ? [pending] : [] };
}
