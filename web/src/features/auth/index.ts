export { useMe, meQueryOptions } from './api/get-me';
export { useLogin } from './api/login';
export { useLogout } from './api/logout';
export { authKeys } from './api/keys';
export { LoginForm } from './components/login-form';
