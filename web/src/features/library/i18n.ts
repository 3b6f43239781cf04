/** Strings of the case library (事例ライブラリ), Japanese first; the locale comes from the app. */
import { useCallback } from 'react';
import { useI18n } from '../../i18n';
import { interpolate, type Locale, type MessageParams } from '../../i18n/translate';

const ja = {
  'library.title': '事例ライブラリ',
  'library.lead': '公開された報告書から、他の自治体の取組と成果を探せます（横展開）。',
  'library.filters': '絞り込み',
  'library.q': 'キーワード',
  'library.qHint': '自治体名、取組、ツリーの項目などで探します',
  'library.theme': 'テーマ',
  'library.category': '区分',
  'library.regionType': '地域類型',
  'library.indicator': '指標',
  'library.fiscalYear': '年度',
  'library.any': 'すべて',
  'library.search': '検索',
  'library.clear': '条件をクリア',
  'library.count': '{n}件の事例',
  'library.empty': '条件に合う公開事例はありません。',
  'library.actions': '取組 {n}件',
  'library.progress': '目標への進捗 {p}',
  'library.noProgress': '進捗は未測定',
  'library.open': '事例を見る',
  'library.back': '事例ライブラリへ',
  'library.version': '第{n}版',
  'library.published': '公開 {date}',
  'library.versions': '公開された版',
  'library.desiredState': '目指す姿',
  'library.tree': 'ロジックツリー',
  'library.treeAlt': '{name}のロジックツリー',
  'library.selectedActions': '選定した取組',
  'library.results': '検証方法と成果',
  'library.baseline': 'ベースライン',
  'library.target': '目標',
  'library.latest': '最新値',
  'library.notMeasured': '未測定',
  'library.summary': '総括',
  'library.fullReport': '報告書全文（印刷用ページ）を開く',
  'library.readOnly': '公開済みの報告書です（閲覧のみ）。',
  'library.population': '人口 {n}人',
  'library.aging': '高齢化率 {n}%',
} as const;

export type LibraryMessageKey = keyof typeof ja;

const en: Partial<Record<LibraryMessageKey, string>> = {
  'library.title': 'Case library',
  'library.lead': 'Published reports: find what other municipalities did and achieved.',
  'library.filters': 'Filters',
  'library.q': 'Keyword',
  'library.theme': 'Theme',
  'library.category': 'Category',
  'library.regionType': 'Region type',
  'library.indicator': 'Indicator',
  'library.fiscalYear': 'Fiscal year',
  'library.any': 'Any',
  'library.search': 'Search',
  'library.clear': 'Clear',
  'library.count': '{n} cases',
  'library.empty': 'No published case matches.',
  'library.open': 'Open case',
  'library.back': 'Case library',
  'library.fullReport': 'Open the full report (print page)',
};

export function libraryText(locale: Locale, key: LibraryMessageKey, params?: MessageParams): string {
  return interpolate((locale === 'en' ? en[key] : undefined) ?? ja[key], params);
}

export type LibraryT = (key: LibraryMessageKey, params?: MessageParams) => string;

export function useLibraryText(): { t: LibraryT; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<LibraryT>((key, params) => libraryText(locale, key, params), [locale]);
  return { t, locale };
}
