/**
 * Contracts of organizers (実施主体), their jurisdiction (the municipalities they serve), insurers that
 * are not municipalities (広域連合, 一部事務組合) and public read-only links to published reports.
 */
import { z } from 'zod';
import { IsoDateTimeSchema, PersonRefSchema, ShortText, UuidSchema } from './common.js';

/** What kind of body runs a program: a prefecture (都道府県) or a regional bureau (地方厚生(支)局). */
export const organizerKinds = ['prefecture', 'regional_bureau'] as const;
export type OrganizerKind = (typeof organizerKinds)[number];

/**
 * An insurer (保険者) that is not a single municipality: a wide-area union (広域連合) or a partial-affairs
 * association (一部事務組合). A municipality that is its own insurer has no row here.
 */
export const insurerKinds = ['wide_area_union', 'partial_affairs_association'] as const;
export type InsurerKind = (typeof insurerKinds)[number];

export const OrganizerSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  kind: z.enum(organizerKinds),
  /** Two-digit prefecture code (e.g. 13 for 東京都), when the organizer belongs to one. */
  prefectureCode: z.string().nullable(),
  /** Municipalities in its jurisdiction. */
  municipalityCount: z.number().int(),
  version: z.number().int(),
});
export type Organizer = z.infer<typeof OrganizerSchema>;

export const UpdateOrganizerBodySchema = z
  .object({
    name: ShortText(200).optional(),
    kind: z.enum(organizerKinds).optional(),
    prefectureCode: z
      .string()
      .regex(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, 'Expected a two-digit prefecture code (01–47)')
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateOrganizerBody = z.infer<typeof UpdateOrganizerBodySchema>;

export const JurisdictionQuerySchema = z
  .object({
    /** Name, kana, prefecture or code. */
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type JurisdictionQuery = z.infer<typeof JurisdictionQuerySchema>;

export const JurisdictionMunicipalitySchema = z.object({
  id: UuidSchema,
  code: z.string(),
  name: z.string(),
  prefecture: z.string().nullable(),
  nameKana: z.string().nullable(),
  /** The insurer covering it when that is not the municipality itself. */
  insurer: z.object({ id: UuidSchema, name: z.string() }).nullable(),
});
export type JurisdictionMunicipality = z.infer<typeof JurisdictionMunicipalitySchema>;

export const JurisdictionPageSchema = z.object({
  items: z.array(JurisdictionMunicipalitySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type JurisdictionPage = z.infer<typeof JurisdictionPageSchema>;

/** PUT /organizer/jurisdiction/{municipalityId} adds, DELETE removes one municipality. */
export const JurisdictionParamsSchema = z.object({ municipalityId: UuidSchema }).strict();

export const InsurerSchema = z.object({
  id: UuidSchema,
  /** 保険者番号 (six digits), when known. */
  insurerNumber: z.string().nullable(),
  name: z.string(),
  kind: z.enum(insurerKinds),
  municipalities: z.array(z.object({ id: UuidSchema, code: z.string(), name: z.string() })),
  version: z.number().int(),
});
export type Insurer = z.infer<typeof InsurerSchema>;

export const InsurerListSchema = z.object({ items: z.array(InsurerSchema) });
export type InsurerList = z.infer<typeof InsurerListSchema>;

export const InsurerBodySchema = z
  .object({
    insurerNumber: z
      .string()
      .regex(/^[0-9]{6}$/, 'Expected six digits')
      .nullable()
      .optional(),
    name: ShortText(200),
    kind: z.enum(insurerKinds),
    /** The municipalities it covers (two or more make sense; one is allowed while it is being set up). */
    municipalityIds: z.array(UuidSchema).min(1).max(500),
  })
  .strict();
export type InsurerBody = z.infer<typeof InsurerBodySchema>;

// ── Public read-only links to a published report ──────────────────────────────────────────────────

export const PublicLinkSchema = z.object({
  id: UuidSchema,
  reportId: UuidSchema,
  createdAt: IsoDateTimeSchema,
  createdBy: PersonRefSchema,
  expiresAt: IsoDateTimeSchema.nullable(),
  revokedAt: IsoDateTimeSchema.nullable(),
  /** Whether the link opens the report now (not revoked, not expired). */
  active: z.boolean(),
});
export type PublicLink = z.infer<typeof PublicLinkSchema>;

export const PublicLinkListSchema = z.object({ items: z.array(PublicLinkSchema) });
export type PublicLinkList = z.infer<typeof PublicLinkListSchema>;

/** The link as created: the only time its token is seen (the server keeps its hash). */
export const PublicLinkCreatedSchema = PublicLinkSchema.extend({ token: z.string(), path: z.string() });
export type PublicLinkCreated = z.infer<typeof PublicLinkCreatedSchema>;

export const PublicLinkBodySchema = z
  .object({
    /** Days until the link stops working; absent or null: until revoked. */
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
export type PublicLinkBody = z.infer<typeof PublicLinkBodySchema>;

export const PublicLinkParamsSchema = z.object({ id: UuidSchema, reportId: UuidSchema, linkId: UuidSchema }).strict();
export const PublicTokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a link token') }).strict();
