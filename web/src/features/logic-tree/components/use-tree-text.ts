/**
 * The logic-tree editor's words, from the one message catalog (namespace `logicTree`): `t` for
 * catalog keys, `text` for the message keys the store, intents and rule checks return, `kindLabel`
 * for node kinds (shared labels), and `newTitle` for the title a new node gets.
 */
import { labels, type NodeKind } from '@banso/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { formatMessage, type TreeMessage, type Translate } from '../lib/messages';

export function useTreeText() {
  const { t } = useTranslation('logicTree');
  const { locale } = useLocale();
  return useMemo(() => {
    const words = labels(locale);
    return {
      t,
      locale,
      labels: words,
      text: (m: TreeMessage) => formatMessage(t as unknown as Translate, locale, m),
      newTitle: (kind: NodeKind) => t('node.newTitle', { kind: words.nodeKind[kind] }),
    };
  }, [t, locale]);
}
