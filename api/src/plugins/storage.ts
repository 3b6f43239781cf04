import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FileStorage, storageFrom } from '../lib/storage.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where attachment bytes live (the files directory, or S3). */
    storage: FileStorage;
  }
}

/**
 * The file storage named by the configuration (or the one given, in tests). Multipart parsing is the
 * upload routes' own (modules/attachments), so no other route takes a multipart body.
 */
export default fp(
  async (app: FastifyInstance, opts: { storage?: FileStorage | undefined }) => {
    app.decorate('storage', opts.storage ?? storageFrom(app.config));
  },
  { name: 'storage', dependencies: ['db'] },
);
