export { useMe, meQueryOptions } from '../../api/auth/get-me';
export { useLogin } from '../../api/auth/login';
export { useLogout } from '../../api/auth/logout';
export { LoginForm } from './components/login-form';
