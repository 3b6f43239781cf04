/** The demo accounts of ../shared/demo/README.md. Demo only: change the password with `pnpm seed --password …` or per user in production. */
export const DEMO_PASSWORD = 'banso-demo-2025';

export interface DemoAccount {
  email: string;
  name: string;
  kind: 'program_office' | 'advisor' | 'municipal_member' | 'observer';
  /** Municipality names the account works with: its own (member/observer) or engagements it is on (advisor). */
  municipality?: string;
  engagements?: string[];
  engagementTitle?: string;
  /** The team role on those engagements (advisor when absent). */
  teamRole?: 'lead_advisor' | 'advisor' | 'secretariat';
}

export const demoAccounts: DemoAccount[] = [
  { email: 'office@demo.banso.jp', name: '佐伯 真理', kind: 'program_office' },
  { email: 'morikawa@demo.banso.jp', name: '森川 恵子', kind: 'advisor', engagements: ['みどり区', 'あおば市', 'やまなみ町'], engagementTitle: '主任アドバイザー', teamRole: 'lead_advisor' },
  { email: 'kitano@demo.banso.jp', name: '北野 修', kind: 'advisor', engagements: ['あおば市', 'やまなみ町'], engagementTitle: '先進自治体アドバイザー' },
  { email: 'takada@demo.banso.jp', name: '高田 悠', kind: 'advisor', engagements: ['みどり区', 'あおば市', 'やまなみ町'], engagementTitle: '事務局', teamRole: 'secretariat' },
  { email: 'midori@demo.banso.jp', name: '中村 陽子', kind: 'municipal_member', municipality: 'みどり区' },
  { email: 'aoba@demo.banso.jp', name: '小池 健', kind: 'municipal_member', municipality: 'あおば市' },
  { email: 'yamanami@demo.banso.jp', name: '山口 大地', kind: 'municipal_member', municipality: 'やまなみ町' },
  { email: 'sakura@demo.banso.jp', name: '石井 聡', kind: 'observer', municipality: 'さくら区' },
  { email: 'higashi@demo.banso.jp', name: '田中 美紀', kind: 'observer', municipality: 'ひがし市' },
  { email: 'shiosai@demo.banso.jp', name: '浜田 誠', kind: 'observer', municipality: 'しおさい村' },
];
