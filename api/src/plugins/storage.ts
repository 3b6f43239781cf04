import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyMultipart from '@fastify/multipart';
import { type FileStorage, storageFrom } from '../lib/storage.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachment bytes live (the files directory, or S3). */
    storage: FileStorage;
  }
}

/**
 * The file storage named by the configuration (or the one given, in tests), and multipart parsing for
 * uploads: one file part per request, at most UPLOAD_MAX_BYTES, streamed (never buffered whole).
 */
export default fp(
  async (app: FastifyInstance, opts: { storage?: FileStorage | undefined }) => {
    app.decorate('storage', opts.storage ?? storageFrom(app.config));
    await app.register(fastifyMultipart, {
      // One byte more than allowed reaches the upload, which then answers 413 (at the limit itself busboy would cut silently).
      limits: { fileSize: app.config.UPLOAD_MAX_BYTES + 1, files: 1, fields: 0, parts: 2, headerPairs: 200 },
    });
  },
  { name: 'storage', dependencies: ['db'] },
);
