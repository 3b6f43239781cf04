/**
 * First run: creates a program-office account (and the program of its organization when there is
 * none yet), so a database started with SEED_DEMO=never can be set up without the demo.
 *
 *   pnpm admin:create --email office@pref.example.jp --name '山田 花子' --org '東京都 福祉局' [--password …] [--fiscal-year 2026]
 *
 * Without --password a password is generated and printed once. Refuses when the e-mail exists.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fiscalYearOf, todayInJapan } from '@banso/shared';
import { desc, eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { recordAudit } from '../lib/audit.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { openDatabase } from './client.js';
import * as s from './schema/index.js';

const MIN_PASSWORD = 12;
const usage =
  "usage: pnpm admin:create --email ADDRESS --name 'NAME' --org 'ORGANIZATION' [--password PASSWORD] [--fiscal-year YYYY] [--title TITLE]";

function fail(message: string): never {
  console.error(`admin:create: ${message}`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      title: { type: 'string' },
      password: { type: 'string' },
      'fiscal-year': { type: 'string' },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
}
const email = values.email?.trim().toLowerCase();
const name = values.name?.trim();
const org = values.org?.trim();
if (!email || !name || !org) fail(`--email, --name and --org are required\n${usage}`);
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`${email} is not an e-mail address`);
if (values.password !== undefined && values.password.length < MIN_PASSWORD)
  fail(`the password must have at least ${MIN_PASSWORD} characters`);
const fiscalYear = values['fiscal-year'] ? Number(values['fiscal-year']) : fiscalYearOf(todayInJapan());
if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) fail('--fiscal-year must be a year such as 2026');

const generated = values.password === undefined;
const password = values.password ?? randomBytes(15).toString('base64url');

const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
let exitCode = 0;
try {
  await database.migrate();
  const passwordHash = await hashPassword(password);
  const outcome = await database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
    if (existing) return { refused: true as const };
    // The organization is the programs' organizer: its latest program, or a new one for the fiscal year.
    const [program] = await tx.select().from(s.programs).where(eq(s.programs.organizer, org)).orderBy(desc(s.programs.fiscalYear)).limit(1);
    let programId = program?.id;
    let createdProgram = false;
    if (!programId) {
      const [created] = await tx
        .insert(s.programs)
        .values({ fiscalYear, name: `${org} 伴走型支援（${fiscalYear}年度）`, organizer: org })
        .returning({ id: s.programs.id });
      programId = created!.id;
      createdProgram = true;
      await recordAudit(tx, {
        actorId: null,
        engagementId: null,
        entity: 'program',
        entityId: programId,
        action: 'admin_create',
        after: { fiscalYear, organizer: org },
      });
    }
    const [user] = await tx
      .insert(s.users)
      .values({ email, name, title: values.title ?? null, organization: org, passwordHash, programOfficeOf: programId })
      .returning({ id: s.users.id });
    await recordAudit(tx, {
      actorId: null,
      engagementId: null,
      entity: 'user',
      entityId: user!.id,
      action: 'admin_create',
      after: { email, name, organization: org, programOfficeOf: programId },
    });
    return { refused: false as const, createdProgram };
  });
  if (outcome.refused) {
    console.error(`admin:create: an account for ${email} already exists; nothing changed`);
    exitCode = 1;
  } else {
    console.log(
      `Created the program-office account ${email} (${org}) in the ${database.kind} database${outcome.createdProgram ? `, with a program for fiscal year ${fiscalYear}` : ''}.`,
    );
    if (generated) console.log(`Password (shown once, change it after signing in): ${password}`);
  }
} finally {
  await database.close();
}
process.exit(exitCode);
