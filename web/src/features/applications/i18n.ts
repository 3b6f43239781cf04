/** Strings of applications and selection (希望制), Japanese first; the locale comes from the app. */
import { useCallback } from 'react';
import { useI18n } from '../../i18n';
import { interpolate, type Locale, type MessageParams } from '../../i18n/translate';

const ja = {
  'apps.title': '希望制（応募と選定）',
  'apps.lead': '次年度の伴走型支援への応募と、事務局による選定を行います。区部・市部・町村部から1自治体ずつの選定を目安とします。',
  'apps.programs': 'プログラム',
  'apps.openProgram': '応募状況を開く',
  'apps.noPrograms': 'プログラムがありません。',
  'apps.back': 'プログラムの一覧へ',
  'apps.forProgram': '{name} への応募',
  'apps.noAccess': '応募を閲覧できるのは、事務局と自治体の担当者です。',
  'apps.mine': 'あなたの自治体の応募',
  'apps.apply': 'この年度に応募する',
  'apps.applyFor': '{name}として応募',
  'apps.submit': '応募する',
  'apps.submitting': '送信しています…',
  'apps.submitted': '応募を受け付けました。',
  'apps.theme': 'テーマ',
  'apps.themeHint': '例: 介護予防、認知症、在宅医療・介護連携、計画の進捗管理',
  'apps.motivation': '応募の動機・解決したい課題',
  'apps.contactName': '担当者名',
  'apps.contactEmail': '連絡先メール',
  'apps.contactPhone': '電話番号',
  'apps.edit': '応募内容を修正',
  'apps.save': '修正を保存',
  'apps.saved': '応募内容を修正しました。',
  'apps.withdraw': '応募を取り下げる',
  'apps.withdrawn': '応募を取り下げました。',
  'apps.status.submitted': '応募中',
  'apps.status.selected': '選定',
  'apps.status.declined': '見送り',
  'apps.status.withdrawn': '取下げ',
  'apps.none': 'まだ応募はありません。',
  'apps.categories': '選定状況',
  'apps.categoryTaken': '選定済み',
  'apps.categoryOpen': '未選定',
  'apps.col.municipality': '自治体',
  'apps.col.population': '人口',
  'apps.col.aging': '高齢化率',
  'apps.col.pop85': '85歳以上',
  'apps.col.previous': '前年度',
  'apps.col.status': '状態',
  'apps.col.contact': '連絡先',
  'apps.previous': '{year}年度「{theme}」から継続',
  'apps.select': '選定する…',
  'apps.decline': '見送る',
  'apps.selectTitle': '{name}を選定',
  'apps.advisors': 'アドバイザー（1人以上）',
  'apps.desiredState': '目指す姿（分かっていれば）',
  'apps.carryOver': '前年度のロジックツリー・継続中の取組・検証方法・チームを引き継ぐ',
  'apps.confirmSelect': '選定して案件を作成',
  'apps.selecting': '選定しています…',
  'apps.force': 'それでも選定する',
  'apps.selected': '{name}を選定し、案件を作成しました。',
  'apps.openEngagement': '案件を開く',
  'apps.cancel': 'キャンセル',
  'apps.declined': '{name}を見送りました。',
  'apps.indicatorsCaption': '応募自治体の指標（最新値）',
  'apps.closed': 'この年度のプログラムへの応募は締め切られています。',
  'apps.newProgram': '次年度のプログラムを開く',
  'apps.newProgramYear': '年度',
  'apps.newProgramName': 'プログラム名',
  'apps.createProgram': 'プログラムを作成',
  'apps.programCreated': '{name} を作成しました。自治体が応募できます。',
} as const;

export type AppsMessageKey = keyof typeof ja;

const en: Partial<Record<AppsMessageKey, string>> = {
  'apps.title': 'Applications and selection',
  'apps.programs': 'Programs',
  'apps.apply': 'Apply for this year',
  'apps.submit': 'Apply',
  'apps.select': 'Select…',
  'apps.decline': 'Decline',
  'apps.force': 'Select anyway',
};

export function appsText(locale: Locale, key: AppsMessageKey, params?: MessageParams): string {
  return interpolate((locale === 'en' ? en[key] : undefined) ?? ja[key], params);
}

export type AppsT = (key: AppsMessageKey, params?: MessageParams) => string;

export function useAppsText(): { t: AppsT; locale: Locale } {
  const { locale } = useI18n();
  const t = useCallback<AppsT>((key, params) => appsText(locale, key, params), [locale]);
  return { t, locale };
}
