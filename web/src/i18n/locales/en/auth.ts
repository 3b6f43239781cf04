import type { Catalog } from '../../catalog';
import type { auth as ja } from '../ja/auth';

export const auth: Catalog<typeof ja> = {
  'login.title': 'Sign in',
  'login.lead': 'Case management for accompaniment-type support. Sign in with your account.',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Wrong e-mail or password.',
  'login.rateLimited': 'Too many sign-in attempts. Wait a minute and try again.',
  'login.expired': 'Your session has expired. Please sign in again.',
  'login.signedOut': 'You have signed out.',
  'login.demoTitle': 'Demo accounts',
  'login.demoHint': 'The password is in the README under “Demo accounts” (demo only). Click an address to fill it in.',
  'login.demo.office': 'Program office',
  'login.demo.morikawa': 'Lead advisor (all three)',
  'login.demo.kitano': 'Advisor (Aoba, Yamanami)',
  'login.demo.takada': 'Secretariat (all three)',
  'login.demo.midori': 'Midori ward staff',
  'login.demo.aoba': 'Aoba city staff',
  'login.demo.yamanami': 'Yamanami town staff',
  'login.demo.sakura': 'Sakura ward (observes Midori)',
  'login.demo.higashi': 'Higashi city (observes Aoba)',
  'login.demo.shiosai': 'Shiosai village (observes Yamanami)',
};
