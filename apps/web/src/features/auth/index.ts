export { csrfMiddleware } from './csrf';
export { LoginPage } from './login-page';
export { RequireSession } from './require-session';
export { type Role, roleAtLeast } from './roles';
export { SetupPage } from './setup-page';
export { UserMenu } from './user-menu';
export { type Me, useCan, useSession } from './use-session';
