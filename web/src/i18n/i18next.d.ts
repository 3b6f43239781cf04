import 'i18next';
import type { ja } from './locales/ja';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof ja;
    keySeparator: false;
    returnNull: false;
  }
}
