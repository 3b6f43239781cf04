export const pdca = {
  'pdca.title': '振り返り（PDCA）',
  'pdca.lead': '年度ごとの自己評価です。◎ 十分できた、○ おおむねできた、△ 一部できた、× できなかった。',
  'pdca.empty': 'この年度の振り返りはまだありません。',
  'pdca.assessment': '自己評価',
  'pdca.comment': '評価のコメント',
  'pdca.nextActions': '次年度に向けた取組',
  'pdca.updatedBy': '{{date}} {{name}} が更新',
  'pdca.saved': '振り返りを保存しました。',
  'pdca.write': '振り返りを記入',
} satisfies Record<string, string>;
