import { type components, enumValues } from '../../api';

export type Role = components['schemas']['MeResponseDto']['role'];

/** Least to most privileged. */
export const ROLES = enumValues<Role>()(['viewer', 'operator', 'admin']);

/** Each role can do everything the ones before it can (the server decides; this only hides buttons). */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}
