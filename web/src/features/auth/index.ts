export { useMe } from '../../api/auth/get-me';
export { useLogout } from '../../api/auth/logout';
export { LoginForm } from './components/login-form';
