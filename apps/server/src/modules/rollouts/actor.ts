import type { Principal } from '../../common/auth';

/** How jobs and rollouts name who asked: `user:<name>`, `token:<name>`. */
export const actorName = (p: Principal): string => `${p.kind}:${p.name}`;
