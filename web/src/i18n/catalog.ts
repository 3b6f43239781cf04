/**
 * The shape every non-Japanese catalog must have: exactly the keys of the Japanese namespace, each a
 * string. A missing or extra key is a compile error.
 *
 * Plurals follow i18next (`Intl.PluralRules`): a counted message has `key_one` and `key_other`.
 * Japanese has one plural form, so its `key_one` repeats `key_other`; both stay so that the two
 * languages share one key set.
 */
export type Catalog<T extends Record<string, string>> = { readonly [K in keyof T]: string };
