import {
  AttachmentListSchema,
  AttachmentParamsSchema,
  AttachmentSchema,
  FindingAttachmentParamsSchema,
  HomeworkAttachmentParamsSchema,
  IdParamsSchema,
  ProgramEventMaterialParamsSchema,
  ProgramEventParamsSchema,
  ProgramMaterialParamsSchema,
  ProgramMaterialsParamsSchema,
  ReportAttachmentParamsSchema,
  UpdateAttachmentBodySchema,
  UpdateReferenceMaterialBodySchema,
  UploadAttachmentQuerySchema,
  VisitAttachmentParamsSchema,
} from '@banso/shared';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../../lib/context.js';
import { DomainError } from '../../lib/errors.js';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import { problems } from '../../lib/problems.js';
import { asUploadError, attachmentDisposition } from '../../lib/uploads.js';
import * as service from './attachments.service.js';

const tags = ['attachments'];
const readErrors = problems(400, 401, 403, 404);
const uploadErrors = problems(400, 401, 403, 404, 406, 413, 415);
const writeErrors = problems(400, 401, 403, 404, 412, 428);
const binary = z.unknown().describe('the file, as it was uploaded');
const uploadDescription =
  'multipart/form-data with one part `file`. The type is read from the bytes (PDF, docx, xlsx, pptx, CSV, text, PNG, JPEG; ' +
  'otherwise 415 `file_type_not_allowed`); larger than UPLOAD_MAX_BYTES: 413 `file_too_large`. The name is kept sanitised, for display only.';

/** The multipart part, read by the service once the caller is authorized. */
const fileOf = (request: FastifyRequest) => async (): Promise<service.IncomingFile | undefined> => {
  const part = await request.file().catch((err: unknown) => {
    throw asUploadError(err);
  });
  return part ? { stream: part.file, fileName: part.filename } : undefined;
};

function sendFile(reply: FastifyReply, { attachment, stream }: service.FileDownload) {
  return reply
    .type(attachment.mediaType)
    .header('content-disposition', attachmentDisposition(attachment.name))
    .header('content-length', String(attachment.size))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const limits: service.UploadLimits = { maxBytes: app.config.UPLOAD_MAX_BYTES, quotaBytes: app.config.ATTACHMENT_QUOTA_BYTES };
  // Multipart bodies only here (this plugin is encapsulated): every other write still answers 415 to one,
  // so a cross-site form post never reaches a JSON route. One file part per request, at most
  // UPLOAD_MAX_BYTES, streamed (never buffered whole); one byte more than allowed reaches the upload,
  // which then answers 413 (at the limit itself busboy would cut silently).
  await app.register(fastifyMultipart, {
    limits: { fileSize: limits.maxBytes + 1, files: 1, fields: 0, parts: 2, headerPairs: 200 },
  });
  // …and of this plugin's routes, only the uploads (they declare `consumes`): a multipart body to a rename or a delete is 415.
  app.addHook('preValidation', async (request) => {
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    if (request.isMultipart() && !consumes.includes('multipart/form-data'))
      throw new DomainError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
  });

  app.get(
    '/engagements/:id/attachments',
    {
      schema: {
        tags,
        operationId: 'listAttachments',
        summary: 'Every file of the engagement the caller may read (as its parent; observers only shareable ones)',
        params: IdParamsSchema,
        response: { 200: AttachmentListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listAttachments(ctx(request), request.params.id) }),
  );

  const uploadRoute = <P extends z.ZodObject>(
    url: string,
    operationId: string,
    summary: string,
    params: P,
    parent: (p: z.infer<P>) => { parentType: service.EngagementParentType; parentId: string },
  ) =>
    app.post(
      url,
      {
        schema: {
          tags,
          operationId,
          summary,
          description: uploadDescription,
          consumes: ['multipart/form-data'],
          params,
          querystring: UploadAttachmentQuerySchema,
          response: { 201: AttachmentSchema, ...uploadErrors },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const attachment = await service.uploadAttachment(ctx(request), {
          storage: app.storage,
          limits,
          engagementId: id,
          ...parent(request.params as z.infer<P>),
          shareable: request.query.shareable,
          file: fileOf(request),
        });
        setEtag(reply, attachment.version);
        return reply.code(201).send(attachment);
      },
    );

  uploadRoute(
    '/engagements/:id/visits/:visitId/attachments',
    'uploadVisitAttachment',
    'The team or the municipality posts a material for a visit (事前資料); a planned visit notifies its readers',
    VisitAttachmentParamsSchema,
    (p) => ({ parentType: 'visit', parentId: p.visitId }),
  );
  uploadRoute(
    '/engagements/:id/findings/:findingId/attachments',
    'uploadFindingAttachment',
    'A file on a finding, by those who may edit the finding',
    FindingAttachmentParamsSchema,
    (p) => ({ parentType: 'finding', parentId: p.findingId }),
  );
  uploadRoute(
    '/engagements/:id/homework/:homeworkId/attachments',
    'uploadHomeworkAttachment',
    'The result of homework as a file: the advisors, or the assignee',
    HomeworkAttachmentParamsSchema,
    (p) => ({ parentType: 'homework', parentId: p.homeworkId }),
  );
  uploadRoute(
    '/engagements/:id/reports/:reportId/attachments',
    'uploadReportAttachment',
    'A file on a report, by those who edit it',
    ReportAttachmentParamsSchema,
    (p) => ({ parentType: 'report', parentId: p.reportId }),
  );

  app.get(
    '/engagements/:id/attachments/:attachmentId/content',
    {
      schema: {
        tags,
        operationId: 'downloadAttachment',
        summary: 'The file, as an attachment (nosniff); 404 to whoever may not read its parent, and to observers unless shareable',
        params: AttachmentParamsSchema,
        response: { 200: binary, ...readErrors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await service.downloadAttachment(ctx(request), {
          storage: app.storage,
          engagementId: request.params.id,
          attachmentId: request.params.attachmentId,
        }),
      ),
  );

  app.patch(
    '/engagements/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        operationId: 'updateAttachment',
        summary: 'Marks a file shareable with observers (or not), or renames it; If-Match',
        params: AttachmentParamsSchema,
        body: UpdateAttachmentBodySchema,
        response: { 200: AttachmentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const attachment = await service.updateAttachment(ctx(request), {
        engagementId: request.params.id,
        attachmentId: request.params.attachmentId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, attachment.version);
      return attachment;
    },
  );

  app.delete(
    '/engagements/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        operationId: 'deleteAttachment',
        summary: 'Deletes a file and its bytes; If-Match',
        params: AttachmentParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await service.deleteAttachment(ctx(request), {
        storage: app.storage,
        engagementId: request.params.id,
        attachmentId: request.params.attachmentId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  // Reference materials (参考資料) of a program

  app.get(
    '/programs/:programId/reference-materials',
    {
      schema: {
        tags,
        operationId: 'listReferenceMaterials',
        summary: 'The program’s reference materials (手引き, good practices): everyone tied to its organizer',
        params: ProgramMaterialsParamsSchema,
        response: { 200: AttachmentListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await service.listReferenceMaterials(ctx(request), request.params.programId) }),
  );

  app.post(
    '/programs/:programId/reference-materials',
    {
      schema: {
        tags,
        operationId: 'uploadReferenceMaterial',
        summary: 'The program office posts a reference material',
        description: uploadDescription,
        consumes: ['multipart/form-data'],
        params: ProgramMaterialsParamsSchema,
        response: { 201: AttachmentSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const attachment = await service.uploadReferenceMaterial(ctx(request), {
        storage: app.storage,
        limits,
        programId: request.params.programId,
        file: fileOf(request),
      });
      setEtag(reply, attachment.version);
      return reply.code(201).send(attachment);
    },
  );

  app.get(
    '/programs/:programId/reference-materials/:materialId/content',
    {
      schema: {
        tags,
        operationId: 'downloadReferenceMaterial',
        summary: 'A reference material, as an attachment',
        params: ProgramMaterialParamsSchema,
        response: { 200: binary, ...readErrors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await service.downloadReferenceMaterial(ctx(request), {
          storage: app.storage,
          programId: request.params.programId,
          materialId: request.params.materialId,
        }),
      ),
  );

  app.patch(
    '/programs/:programId/reference-materials/:materialId',
    {
      schema: {
        tags,
        operationId: 'updateReferenceMaterial',
        summary: 'The program office renames a reference material (its title in the list); If-Match',
        params: ProgramMaterialParamsSchema,
        body: UpdateReferenceMaterialBodySchema,
        response: { 200: AttachmentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const material = await service.updateReferenceMaterial(ctx(request), {
        programId: request.params.programId,
        materialId: request.params.materialId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, material.version);
      return material;
    },
  );

  app.delete(
    '/programs/:programId/reference-materials/:materialId',
    {
      schema: {
        tags,
        operationId: 'deleteReferenceMaterial',
        summary: 'The program office deletes a reference material; If-Match',
        params: ProgramMaterialParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await service.deleteReferenceMaterial(ctx(request), {
        storage: app.storage,
        programId: request.params.programId,
        materialId: request.params.materialId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  // イベント資料: materials of a program event (the list is part of the event)

  app.post(
    '/programs/:programId/events/:eventId/materials',
    {
      schema: {
        tags,
        operationId: 'uploadProgramEventMaterial',
        summary: 'The program office posts a material of a program event (read by everyone who reads the event)',
        description: uploadDescription,
        consumes: ['multipart/form-data'],
        params: ProgramEventParamsSchema,
        response: { 201: AttachmentSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const attachment = await service.uploadEventMaterial(ctx(request), {
        storage: app.storage,
        limits,
        programId: request.params.programId,
        eventId: request.params.eventId,
        file: fileOf(request),
      });
      setEtag(reply, attachment.version);
      return reply.code(201).send(attachment);
    },
  );

  app.get(
    '/programs/:programId/events/:eventId/materials/:eventMaterialId/content',
    {
      schema: {
        tags,
        operationId: 'downloadProgramEventMaterial',
        summary: 'A material of a program event, as an attachment',
        params: ProgramEventMaterialParamsSchema,
        response: { 200: binary, ...readErrors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await service.downloadEventMaterial(ctx(request), {
          storage: app.storage,
          programId: request.params.programId,
          eventId: request.params.eventId,
          materialId: request.params.eventMaterialId,
        }),
      ),
  );

  app.delete(
    '/programs/:programId/events/:eventId/materials/:eventMaterialId',
    {
      schema: {
        tags,
        operationId: 'deleteProgramEventMaterial',
        summary: 'The program office deletes a material of a program event; If-Match',
        params: ProgramEventMaterialParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await service.deleteEventMaterial(ctx(request), {
        storage: app.storage,
        programId: request.params.programId,
        eventId: request.params.eventId,
        materialId: request.params.eventMaterialId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );
};
