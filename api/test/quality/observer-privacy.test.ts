/**
 * What an observer (傍聴自治体) can read carries no personal data of the staff it observes (issue 11,
 * finding 9): the demo observer of みどり区 walks every GET route of the registered route table
 * (path parameters from the demo seed), and the case library's published report, and no answer may
 * contain an e-mail address, a display name of a user outside the observer's own municipality, or
 * such a user's id. The report is published in the test after the team has written a PDCA comment,
 * which observers cannot read through the API, so the published report must not contain it either.
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as s from '../../src/db/schema/index.js';
import { multipart } from '../support/multipart.js';
import { createTestContext, demo, type Session, type TestContext } from '../support/test-app.js';
import { type EngagementFixture, loadFixtures } from './support/fixtures.js';

const TODAY = '2025-12-01';
const PDCA_COMMENT = 'PDCA内部コメント（傍聴には見せない）';
const PDCA_NEXT = 'PDCA次の一手（傍聴には見せない）';
const PLAN_NOTE = '計画メモ（傍聴には見せない）';
const MEASUREMENT_COMMENT = '測定コメント（傍聴には見せない）';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

let ctx: TestContext;
let observer: Session;
let observed: EngagementFixture;
let publishedReportId: string;
let attachmentId: string;
let materialId: string;
/** Display names (with and without the space) and ids of every user outside the observer's municipality. */
let staffNames: string[];
let staffIds: string[];
let ownEmails: Set<string>;

beforeAll(async () => {
  ctx = await createTestContext({ today: TODAY });
  const db = ctx.database.db;
  observed = (await loadFixtures(db)).みどり区;
  observer = await ctx.login(demo.sakura);
  const [me] = await db.select({ municipalityId: s.users.municipalityId }).from(s.users).where(eq(s.users.email, demo.sakura));
  if (!me?.municipalityId) throw new Error('the demo observer has no municipality');
  const others = await db
    .select({ id: s.users.id, name: s.users.name })
    .from(s.users)
    .where(or(isNull(s.users.municipalityId), ne(s.users.municipalityId, me.municipalityId)));
  staffNames = [...new Set(others.flatMap((u) => [u.name, u.name.replace(/\s+/g, '')]).filter((n) => n.length >= 2))];
  staffIds = others.map((u) => u.id);
  const own = await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.municipalityId, me.municipalityId));
  ownEmails = new Set(own.map((u) => u.email));

  // The municipality writes its PDCA review; the advisor drafts the March report; the office publishes it.
  const member = await ctx.login(demo.midori);
  const path = `/api/engagements/${observed.id}/pdca-reviews/${observed.fiscalYear}`;
  const current = await member.get(path);
  const etag = current.statusCode === 200 ? String(current.headers.etag ?? '') : '';
  const put = await member.put(
    path,
    { assessment: 'good', comment: PDCA_COMMENT, nextActions: PDCA_NEXT },
    etag ? { 'if-match': etag } : {},
  );
  if (put.statusCode >= 300) throw new Error(`could not write the PDCA review: ${put.statusCode} ${put.body}`);
  const advisor = await ctx.login(demo.morikawa);
  // Authors on what observers read: evidence added by the advisor, a milestone the municipality
  // completed, a plan note and a measurement comment.
  const evidence = await advisor.post(`/api/engagements/${observed.id}/tree/nodes/${observed.nodeId}/evidence`, {
    kind: 'text',
    text: '傍聴にも見える根拠',
    source: 'quality',
  });
  if (evidence.statusCode !== 201) throw new Error(`could not add evidence: ${evidence.statusCode} ${evidence.body}`);
  const [stone] = await db
    .select({ id: s.milestones.id, actionId: s.milestones.actionId, version: s.milestones.version })
    .from(s.milestones)
    .innerJoin(s.actions, eq(s.actions.id, s.milestones.actionId))
    .where(and(eq(s.actions.engagementId, observed.id), ne(s.milestones.status, 'done')))
    .limit(1);
  if (!stone) throw new Error('no open milestone in the observed engagement');
  const done = await member.patch(
    `/api/engagements/${observed.id}/actions/${stone.actionId}/milestones/${stone.id}`,
    { status: 'done' },
    { 'if-match': `"${stone.version}"` },
  );
  if (done.statusCode !== 200) throw new Error(`could not complete the milestone: ${done.statusCode} ${done.body}`);
  const [plan] = await db
    .select({ version: s.verificationPlans.version })
    .from(s.verificationPlans)
    .where(eq(s.verificationPlans.id, observed.planId));
  const noted = await advisor.patch(
    `/api/engagements/${observed.id}/actions/${observed.actionId}/verification-plans/${observed.planId}`,
    { note: PLAN_NOTE },
    { 'if-match': `"${plan?.version}"` },
  );
  if (noted.statusCode !== 200) throw new Error(`could not write the plan note: ${noted.statusCode} ${noted.body}`);
  const measured = await member.post(`/api/engagements/${observed.id}/verification-plans/${observed.planId}/measurements`, {
    period: '2025-11',
    value: 1,
    comment: MEASUREMENT_COMMENT,
  });
  if (measured.statusCode >= 300) throw new Error(`could not record a measurement: ${measured.statusCode} ${measured.body}`);
  // A visit material shared with observers, uploaded by the advisor: its listing names the uploader's role, not the advisor.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const uploaded = await advisor.request({
    method: 'POST',
    url: `/api/engagements/${observed.id}/visits/${observed.visitId}/attachments?shareable=true`,
    ...multipart('事前資料.pdf', pdf),
  });
  if (uploaded.statusCode !== 201) throw new Error(`could not upload a visit material: ${uploaded.statusCode} ${uploaded.body}`);
  attachmentId = z.object({ id: z.uuid() }).parse(uploaded.json()).id;
  // A reference material of the program, posted by the office (who posted it is not the observer's to know).
  const posted = await (
    await ctx.login(demo.office)
  ).request({
    method: 'POST',
    url: `/api/programs/${observed.programId}/reference-materials`,
    ...multipart('介護予防の手引き.pdf', pdf),
  });
  if (posted.statusCode !== 201) throw new Error(`could not post a reference material: ${posted.statusCode} ${posted.body}`);
  materialId = z.object({ id: z.uuid() }).parse(posted.json()).id;
  const created = await advisor.post(`/api/engagements/${observed.id}/reports`, {});
  if (created.statusCode !== 201) throw new Error(`could not create the report: ${created.statusCode} ${created.body}`);
  publishedReportId = z.object({ id: z.uuid() }).parse(created.json()).id;
  // A draft made before the facts left the PDCA text out (as stored by earlier versions): publishing must drop it.
  const [row] = await db.select({ facts: s.reports.facts }).from(s.reports).where(eq(s.reports.id, publishedReportId));
  if (!row?.facts.review) throw new Error('the draft has no PDCA review');
  await db
    .update(s.reports)
    .set({ facts: { ...row.facts, review: { ...row.facts.review, comment: PDCA_COMMENT, nextActions: PDCA_NEXT } } })
    .where(eq(s.reports.id, publishedReportId));
  const office = await ctx.login(demo.office);
  const draft = await office.get(`/api/engagements/${observed.id}/reports/${publishedReportId}`);
  const published = await office.post(`/api/engagements/${observed.id}/reports/${publishedReportId}/publish`, undefined, {
    'if-match': String(draft.headers.etag ?? ''),
  });
  if (published.statusCode !== 200) throw new Error(`could not publish: ${published.statusCode} ${published.body}`);
}, 120_000);
afterAll(() => ctx.close());

async function param(name: string): Promise<string> {
  switch (name) {
    case 'id':
      return observed.id;
    case 'visitId':
      return observed.visitId;
    case 'findingId':
      return observed.findingId;
    case 'commentId':
      return observed.commentId;
    case 'homeworkId':
      return observed.homeworkId;
    case 'nodeId':
      return observed.nodeId;
    case 'actionId':
      return observed.actionId;
    case 'milestoneId':
      return observed.milestoneId;
    case 'planId':
      return observed.planId;
    case 'fiscalYear':
      return String(observed.fiscalYear);
    case 'reportId':
      return publishedReportId;
    case 'attachmentId':
      return attachmentId;
    case 'materialId':
      return materialId;
    case 'programId':
      return observed.programId;
    case 'eventId': {
      // The demo's 報告会 of the program (its pack prints the published report of the walk).
      const [event] = await ctx.database.db
        .select({ id: s.programEvents.id })
        .from(s.programEvents)
        .where(and(eq(s.programEvents.programId, observed.programId), eq(s.programEvents.kind, 'report_meeting')));
      if (!event) throw new Error('the demo has no 報告会');
      return event.id;
    }
    case 'eventMaterialId':
      return '00000000-0000-4000-8000-000000000000';
    case 'jobId':
    case 'applicationId':
    case 'userId':
    case 'grantId':
    case 'evidenceId': {
      // Not readable by observers at all (or no such row for them): any id answers 403/404.
      return '00000000-0000-4000-8000-000000000000';
    }
    case 'token':
      // A one-time link never issued: 404 (the public invitation lookup names only the invitee, to the link's holder).
      return 'observer-walk-not-a-token-0000000000';
  }
  throw new Error(`no value for path parameter :${name} — add it to the observer privacy walk`);
}

interface Leak {
  route: string;
  what: string;
}

function leaksIn(route: string, body: string): Leak[] {
  const leaks: Leak[] = [];
  for (const m of body.match(EMAIL) ?? []) if (!ownEmails.has(m.toLowerCase())) leaks.push({ route, what: `e-mail ${m}` });
  for (const n of staffNames) if (body.includes(n)) leaks.push({ route, what: `staff name ${n}` });
  for (const id of staffIds) if (body.includes(id)) leaks.push({ route, what: `user id ${id}` });
  if (body.includes(PDCA_COMMENT)) leaks.push({ route, what: 'the PDCA comment' });
  if (body.includes(PDCA_NEXT)) leaks.push({ route, what: 'the PDCA next actions' });
  if (body.includes(PLAN_NOTE)) leaks.push({ route, what: 'the plan note' });
  if (body.includes(MEASUREMENT_COMMENT)) leaks.push({ route, what: 'the measurement comment' });
  return leaks;
}

describe('what an observer can read', () => {
  it('contains no e-mail address, staff name or staff user id in any GET answer (the published report included)', async () => {
    const leaks: Leak[] = [];
    const answered: string[] = [];
    for (const route of ctx.app.routeInventory) {
      if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.hidden) continue;
      if (['getHealth', 'getOpenApi'].includes(route.operationId ?? '')) continue;
      let url = route.url;
      for (const [, name] of route.url.matchAll(/:([A-Za-z]+)/g)) url = url.replace(`:${name}`, encodeURIComponent(await param(name!)));
      const res: LightMyRequestResponse = await observer.get(url);
      expect(res.statusCode, `${route.operationId} ${url}`).toBeLessThan(500);
      if (res.statusCode === 200) answered.push(route.operationId ?? url);
      leaks.push(...leaksIn(`${route.operationId} ${url}`, res.body));
    }
    // The walk reaches what observers are meant to read.
    expect(answered).toEqual(
      expect.arrayContaining([
        'getEngagement',
        'listEngagements',
        'getTree',
        'listTreeRevisions',
        'listNodeEvidence',
        'listActions',
        'getRoadmap',
        'listVisits',
        'getVisit',
        'listFindings',
        'listComments',
        'getComment',
        'listLibraryCases',
        'getLibraryCase',
        'getLibraryCasePreview',
        'getLibraryCaseTreeSvg',
        'listProgramEvents',
        'getProgramEvent',
        'downloadProgramEventPack',
      ]),
    );
    expect(leaks.map((l) => `${l.route}: ${l.what}`)).toEqual([]);
  }, 120_000);

  it('reads the evidence of every node without authors', async () => {
    const db = ctx.database.db;
    const nodes = await db
      .select({ id: s.treeNodes.id })
      .from(s.treeNodes)
      .where(and(eq(s.treeNodes.engagementId, observed.id)));
    const leaks: Leak[] = [];
    for (const n of nodes) {
      const url = `/api/engagements/${observed.id}/tree/nodes/${n.id}/evidence`;
      const res = await observer.get(url);
      expect(res.statusCode, url).toBe(200);
      leaks.push(...leaksIn(url, res.body));
    }
    expect(leaks.map((l) => `${l.route}: ${l.what}`)).toEqual([]);
  });
});
