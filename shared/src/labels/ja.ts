/**
 * Japanese labels of every enum (see enums.ts) and the few domain terms every surface shares.
 *
 * One word per concept (decisions, 2026-12):
 * - measure: the tree node is a 取組案 (a candidate measure); once selected from the tree it is a
 *   取組 (the action). So the node kind, the legend and "取組案(未選定)" say 取組案, the actions
 *   tab, the roadmap and the report's 選定した取組 say 取組. (Before: 取組 in the editor, 取組案 in the report.)
 * - supported hypothesis: 支持 (the evidence supports it). 検証済 is not used: a rejected
 *   hypothesis has been verified too.
 * - roles: the organizer (program_office) is 実施主体, the contractor's staff are 事務局 (they sit on
 *   teams as advisors), observers are 傍聴自治体 and their view is labelled 閲覧のみ. 事務局 never
 *   names the organizer and 閲覧 never names the observers.
 * - done/held/approved statuses take the okurigana: 実施済み, 公開済み, 承認済み.
 */
import type { EnumLabels } from './enums.js';

export const ja = {
  nodeKind: { goal: '目指す姿', outcome: '中間アウトカム', issue: '課題', cause: '要因', measure: '取組案' },
  hypothesisState: { hypothesis: '仮説', supported: '支持', rejected: '棄却' },
  evidenceKind: { indicator_value: '指標値', finding: 'ヒアリングの所見', text: '自由記述' },
  engagementStatus: {
    selected: '選定',
    hearing: 'ヒアリング',
    structuring: '課題整理',
    actions_selected: '取組選定',
    roadmap_agreed: 'ロードマップ合意',
    monitoring: '進捗確認',
    reported: '報告済み',
    closed: '終了',
  },
  actionStatus: { selected: '選定', in_progress: '実施中', done: '完了', on_hold: '保留', dropped: '中止' },
  actionBadge: { not_selected: '未選定', selected: '選定', in_progress: '実施中', done: '完了', on_hold: '保留', dropped: '中止' },
  priority: { high: '高', medium: '中', low: '低' },
  milestoneStatus: { planned: '予定', done: '完了', delayed: '遅延', cancelled: '中止' },
  category: { ward: '区部', city: '市部', town_village: '町村部' },
  regionType: { metro: '大都市型', urban: '都市型', island_mountain: '離島・中山間型' },
  visitKind: { hearing: 'ヒアリング', site_visit: '現地視察', workshop: 'ワークショップ', online: 'オンライン', report_meeting: '報告会' },
  visitStatus: { planned: '予定', held: '実施済み', minutes_approved: '議事録承認済み' },
  findingKind: {
    quantitative_fact: '定量的事実',
    qualitative_fact: '定性的事実',
    hypothesis: '仮説',
    advice: '助言',
    decision: '決定事項',
  },
  visibility: { team: '支援チームのみ', municipality: '自治体まで', observers: '傍聴自治体にも公開' },
  direction: { higher: '高いほど良い', lower: '低いほど良い' },
  indicatorLevel: { structure: 'ストラクチャー', process: 'プロセス', output: 'アウトプット', outcome: 'アウトカム' },
  assessment: { excellent: '十分できた', good: 'おおむねできた', fair: '一部できた', poor: 'できなかった' },
  role: { program_office: '実施主体', advisor: 'アドバイザー', municipal_member: '自治体担当者', observer: '傍聴自治体' },
  observerScope: { process: '支援の経過（ツリー・取組・ロードマップ・日程・共有された所見）' },
  planPart: {
    indicator: '指標',
    baselineAsOf: 'ベースライン時点',
    baseline: 'ベースライン値',
    targetValue: '目標値',
    targetBy: '目標時期',
    timing: '測定時期・頻度',
    dataSource: 'データ出典',
  },
  reportStatus: { draft: '下書き', published: '公開済み' },
  reportSection: {
    summary: '総括',
    profile: '自治体の概要',
    theme: 'テーマと目指す姿',
    findings: 'ヒアリングで分かったこと',
    tree: 'ロジックツリー',
    actions: '選定した取組',
    roadmap: 'ロードマップ',
    verification: '検証方法と進捗',
    review: '振り返り(PDCA)',
  },
  exportFormat: { pdf: 'PDF', xlsx: 'Excel', pptx: 'PowerPoint' },
  exportStatus: { queued: '待機中', running: '作成中', done: '完了', failed: '失敗' },
  applicationStatus: { submitted: '応募中', selected: '選定', declined: '見送り', withdrawn: '取下げ' },
  treeRule: {
    duplicate_id: 'IDの重複',
    unknown_node: '存在しないノード',
    unknown_parent: '存在しない親ノード',
    single_goal_root: '目指す姿は1つだけ',
    root_must_be_goal: '最上位は目指す姿',
    cycle: '循環の禁止',
    measure_is_leaf: '取組案はツリーの末端',
    kind_follows_parent: '親の種類で決まる子の種類',
    node_has_action: '選定済みの取組は消せない',
    empty_title: '見出しは必須',
  },
} as const satisfies EnumLabels;

/** Domain terms that are not enum values but must read the same on every surface. */
export const jaTerms = {
  organizer: '実施主体',
  contractor: '事務局',
  observers: '傍聴自治体',
  observerView: '閲覧のみ',
  /** The selected action of a measure node, as the node's badge says it: 取組: 実施中. */
  action: '取組',
  actions: '取組',
  notSelected: '未選定',
  fiscalYear: '年度',
  theme: 'テーマ',
  desiredState: '目指す姿',
  logicTree: 'ロジックツリー',
  roadmap: 'ロードマップ',
  legend: '凡例',
  indicator: '指標',
  baseline: 'ベースライン',
  target: '目標',
  latest: '最新値',
  progress: '進捗',
  ownerDepartment: '担当部署',
  partners: '連携先',
  priority: '優先度',
  status: '状態',
  rationale: '選定理由',
  kind: '種類',
  title: '見出し',
  detail: '説明',
  hypothesisState: '仮説の状態',
  start: '開始',
  end: '終了',
  milestone: 'マイルストーン',
  due: '期日',
  period: '時点',
  value: '値',
  unit: '単位',
  source: '出典',
  responsible: '担当',
  method: '方法',
  category: '区分',
  regionType: '地域類型',
  population: '人口',
  agingRate: '高齢化率',
  pop85Rate: '85歳以上人口割合',
  version: '版',
  asOf: '時点',
  depth: '階層',
  parent: '親',
  order: '順',
  comment: 'コメント',
  nextActions: '次年度に向けた取組',
  assessment: '評価',
} as const;
