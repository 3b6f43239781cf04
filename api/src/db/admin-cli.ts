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
import { fiscalYearOf, PASSWORD_MIN_LENGTH, todayInJapan } from '@banso/shared';
import { loadConfig } from '../config.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { createProgramOffice } from '../modules/users/users.service.js';
import { openDatabase } from './client.js';

const MIN_PASSWORD = PASSWORD_MIN_LENGTH;
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
  const outcome = await database.db.transaction((tx) =>
    createProgramOffice(tx, { email, name, organization: org, title: values.title ?? null, passwordHash, fiscalYear }),
  );
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
