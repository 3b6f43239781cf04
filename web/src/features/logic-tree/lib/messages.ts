/**
 * Messages of the logic-tree editor as data: the store, the intents, the rule checks and the save
 * call return a message key of the `logicTree` catalog namespace with its parameters, never text.
 * The components turn them into words in the chosen language (components/use-tree-message.ts).
 */
import { labels, type LabelLocale, type NodeKind } from '@banso/shared';
import type { logicTree } from '../../../i18n/locales/ja/logic-tree';

type CatalogKey = keyof typeof logicTree;
type WithoutPlural<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
/** A key of the logicTree namespace (plural keys by their base, i18next picks the form from `count`). */
export type TreeMessageKey = WithoutPlural<CatalogKey>;

/** A parameter: a value, another message, a node kind (or list of kinds) named in the reader's language, or a list of messages. */
export type MessageParam =
  string | number | TreeMessage | { kind: NodeKind } | { kinds: readonly NodeKind[] } | { list: readonly TreeMessage[] };

export interface TreeMessage {
  key: TreeMessageKey;
  params?: Record<string, MessageParam>;
}

export const message = (key: TreeMessageKey, params?: Record<string, MessageParam>): TreeMessage => (params ? { key, params } : { key });

/** The translate function of the logicTree namespace, loosely typed (keys are checked by TreeMessageKey). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The words of a message; `goal` and `measure` are always there, so a rule can name those kinds. */
export function formatMessage(t: Translate, locale: LabelLocale, m: TreeMessage): string {
  const kindLabel = (k: NodeKind) => labels(locale).nodeKind[k];
  const params: Record<string, unknown> = { goal: kindLabel('goal'), measure: kindLabel('measure') };
  for (const [name, value] of Object.entries(m.params ?? {})) {
    if (typeof value !== 'object') params[name] = value;
    else if ('key' in value) params[name] = formatMessage(t, locale, value);
    else if ('kind' in value) params[name] = kindLabel(value.kind);
    else if ('kinds' in value) params[name] = value.kinds.map(kindLabel);
    else params[name] = value.list.map((item) => formatMessage(t, locale, item));
  }
  return t(m.key, params);
}
