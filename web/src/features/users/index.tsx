export { LinkPage } from './components/link-page';
export { OutboxPage } from './components/outbox-page';
export { PasswordPage } from './components/password-page';
export { SetupPage } from './components/setup-page';
export { UsersPage } from './components/users-page';
export { SecurityPage } from './components/security-page';
