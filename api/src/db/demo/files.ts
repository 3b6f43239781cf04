/**
 * The demo's files: a guide excerpt (PDF) as the program's reference material (参考資料), and a
 * spreadsheet as material (事前資料) of あおば市's planned third visit. The bytes are in ./files; the
 * seed stores them through the file storage and writes their rows, after the demo program exists.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { attachmentKey, type FileStorage } from '../../lib/storage.js';
import type { Db } from '../client.js';
import * as s from '../schema/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const demoFilesDir = path.join(here, 'files');

interface DemoFileSpec {
  file: string;
  mediaType: string;
  /** A reference material of the program, or a material of the municipality's planned visit. */
  parent: { kind: 'program' } | { kind: 'visit'; municipality: string; seq: number };
  uploader: string;
  shareable: boolean;
}

const specs: DemoFileSpec[] = [
  {
    file: '認知症早期対応の手引き_抜粋.pdf',
    mediaType: 'application/pdf',
    parent: { kind: 'program' },
    uploader: 'office@demo.banso.jp',
    shareable: true,
  },
  {
    file: '包括別_相談件数.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    parent: { kind: 'visit', municipality: 'あおば市', seq: 3 },
    uploader: 'kitano@demo.banso.jp',
    shareable: false,
  },
];

/** Stores the demo files for the demo program `programName` as of `today` (YYYY-MM-DD); nothing when it already has reference materials. Returns how many. */
export async function seedDemoFiles(db: Db, storage: FileStorage, p: { programName: string; today: string }): Promise<number> {
  const { programName } = p;
  // Posted on the demo's own date (its story stands there), in the morning Japan time.
  const createdAt = new Date(`${p.today}T09:30:00+09:00`);
  const [program] = await db.select({ id: s.programs.id }).from(s.programs).where(eq(s.programs.name, programName)).limit(1);
  if (!program) return 0;
  const [already] = await db.select({ id: s.attachments.id }).from(s.attachments).where(eq(s.attachments.programId, program.id)).limit(1);
  if (already) return 0;
  let stored = 0;
  for (const spec of specs) {
    const [uploader] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, spec.uploader)).limit(1);
    let parent: { parentType: 'program'; programId: string } | { parentType: 'visit'; engagementId: string; visitId: string };
    if (spec.parent.kind === 'program') parent = { parentType: 'program', programId: program.id };
    else {
      const [visit] = await db
        .select({ visitId: s.visits.id, engagementId: s.engagements.id })
        .from(s.visits)
        .innerJoin(s.engagements, eq(s.engagements.id, s.visits.engagementId))
        .innerJoin(s.municipalities, eq(s.municipalities.id, s.engagements.municipalityId))
        .where(
          and(eq(s.engagements.programId, program.id), eq(s.municipalities.name, spec.parent.municipality), eq(s.visits.seq, spec.parent.seq)),
        )
        .limit(1);
      if (!visit) continue;
      parent = { parentType: 'visit', ...visit };
    }
    const source = path.join(demoFilesDir, spec.file);
    const bytes = await readFile(source);
    const id = crypto.randomUUID();
    const meta = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mediaType: spec.mediaType };
    await storage.put(attachmentKey(id), source, meta);
    await db.insert(s.attachments).values({
      id,
      ...parent,
      name: spec.file,
      ...meta,
      shareable: spec.shareable,
      uploadedBy: uploader?.id ?? null,
      createdAt,
    });
    stored += 1;
  }
  return stored;
}
