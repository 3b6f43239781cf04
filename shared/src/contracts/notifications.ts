/**
 * Notifications (お知らせ): an in-app inbox and e-mail, per user. An event (a homework assigned, a
 * mention, …) is delivered after a grace delay and only if it still holds then; the timed reminders
 * (due in 3 days, overdue) and the daily digest run at 08:00 JST. Each user chooses per kind whether it
 * shows in the inbox, is e-mailed at once, or is gathered into the daily digest e-mail.
 */
import { z } from 'zod';
import { IsoDateTimeSchema, UuidSchema } from './common.js';

export const notificationKinds = [
  'homework_assigned',
  'homework_due_soon',
  'homework_overdue',
  'milestone_delayed',
  'mention',
  'question_answered',
  'roadmap_agreement_requested',
  'report_published',
  'visit_materials_posted',
  'observation_approved',
  'observation_declined',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What a notification is about, so the inbox links to it. */
export const notificationSubjectTypes = ['homework', 'comment', 'milestone', 'engagement', 'report', 'visit'] as const;
export type NotificationSubjectType = (typeof notificationSubjectTypes)[number];

/** The values a notification's title is made of (a homework's text, an engagement's municipality, …). */
export const NotificationParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

export const NotificationSchema = z.object({
  id: UuidSchema,
  kind: z.enum(notificationKinds),
  engagementId: UuidSchema.nullable(),
  subjectType: z.enum(notificationSubjectTypes),
  subjectId: UuidSchema,
  params: NotificationParamsSchema,
  /** The title in Japanese and English (the web shows the reader's locale). */
  title: z.object({ ja: z.string(), en: z.string() }),
  /** Where the subject is shown in the web app (a path). */
  link: z.string(),
  createdAt: IsoDateTimeSchema,
  readAt: IsoDateTimeSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationsQuerySchema = z
  .object({
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    /** `true`: only the unread ones. */
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type NotificationsQuery = z.infer<typeof NotificationsQuerySchema>;

/** Newest first; `nextCursor` is null on the last page; `unreadCount` counts all of the caller's unread ones. */
export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const NotificationIdParamsSchema = z.object({ id: UuidSchema }).strict();

export const NotificationReadAllSchema = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
export type NotificationReadAll = z.infer<typeof NotificationReadAllSchema>;

/**
 * One kind's choice: shown in the inbox, e-mailed at once, or gathered into the daily digest e-mail
 * (digest wins over `email`: a digest kind is not e-mailed on its own).
 */
export const NotificationPreferenceSchema = z
  .object({
    kind: z.enum(notificationKinds),
    inApp: z.boolean(),
    email: z.boolean(),
    digest: z.boolean(),
  })
  .strict();
export type NotificationPreference = z.infer<typeof NotificationPreferenceSchema>;

/** Every kind, the stored choice or the default (inbox and e-mail, no digest). */
export const NotificationPreferencesSchema = z.object({ items: z.array(NotificationPreferenceSchema) });
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** Replaces the choices of the kinds named; kinds left out keep theirs. */
export const UpdateNotificationPreferencesBodySchema = z
  .object({
    items: z
      .array(NotificationPreferenceSchema)
      .min(1)
      .max(notificationKinds.length)
      .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, 'Each kind at most once'),
  })
  .strict();
export type UpdateNotificationPreferencesBody = z.infer<typeof UpdateNotificationPreferencesBodySchema>;

export const defaultNotificationPreference = (kind: NotificationKind): NotificationPreference => ({
  kind,
  inApp: true,
  email: true,
  digest: false,
});

/** Title templates; `{name}` is filled from the notification's params. */
export const notificationTitles: Record<'ja' | 'en', Record<NotificationKind, string>> = {
  ja: {
    homework_assigned: '宿題が割り当てられました:「{text}」({municipality})',
    homework_due_soon: '宿題の期限が近づいています({due}):「{text}」',
    homework_overdue: '宿題の期限が過ぎています({due}):「{text}」',
    milestone_delayed: 'マイルストーンが遅れています:「{title}」(期日 {due})',
    mention: '{author}さんがコメントであなたに言及しました({municipality})',
    question_answered: '質問に回答がありました({municipality})',
    roadmap_agreement_requested: 'ロードマップへの合意が求められています({municipality})',
    report_published: '報告書が公開されました:{municipality} 第{version}版',
    visit_materials_posted: '第{seq}回の支援の資料が掲載されました({municipality})',
    observation_approved: '傍聴申請が承認されました:{municipality}(閲覧のみ)',
    observation_declined: '傍聴申請は見送りとなりました:{municipality}',
  },
  en: {
    homework_assigned: 'Homework assigned to you: “{text}” ({municipality})',
    homework_due_soon: 'Homework due soon ({due}): “{text}”',
    homework_overdue: 'Homework overdue (due {due}): “{text}”',
    milestone_delayed: 'Milestone delayed: “{title}” (due {due})',
    mention: '{author} mentioned you in a comment ({municipality})',
    question_answered: 'Your question was answered ({municipality})',
    roadmap_agreement_requested: 'Your agreement to the roadmap is requested ({municipality})',
    report_published: 'Report published: {municipality}, version {version}',
    visit_materials_posted: 'Materials posted for visit {seq} ({municipality})',
    observation_approved: 'Your request to observe {municipality} was approved (read-only)',
    observation_declined: 'Your request to observe {municipality} was declined',
  },
};

/** A notification's title in a locale, its params filled in (a missing one stays as `{name}`). */
export function notificationTitle(kind: NotificationKind, params: NotificationParams, locale: 'ja' | 'en' = 'ja'): string {
  return notificationTitles[locale][kind].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const tabOfCommentSubject: Record<string, string> = {
  node: 'tree',
  action: 'actions',
  milestone: 'roadmap',
  plan: 'actions',
  visit: 'hearing',
};

/** The web path of a notification's subject (a comment's: the tab of what it is about, `params.on`). */
export function notificationLink(n: {
  engagementId: string | null;
  subjectType: NotificationSubjectType;
  params: NotificationParams;
}): string {
  if (!n.engagementId) return '/notifications';
  const base = `/engagements/${encodeURIComponent(n.engagementId)}`;
  switch (n.subjectType) {
    case 'homework':
    case 'visit':
      return `${base}/hearing`;
    case 'milestone':
      return `${base}/roadmap`;
    case 'report':
      return `${base}/review`;
    case 'comment':
      return `${base}/${tabOfCommentSubject[String(n.params.on)] ?? 'tree'}`;
    case 'engagement':
      return `${base}/roadmap`;
  }
}
