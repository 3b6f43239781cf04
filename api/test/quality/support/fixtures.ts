import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.js';
import * as s from '../../../src/db/schema/index.js';

export const engagementNames = ['みどり区', 'あおば市', 'やまなみ町'] as const;
export type EngagementName = (typeof engagementNames)[number];

/** Ids of one demo engagement's rows, read straight from the database (independent of the API under test). */
export interface EngagementFixture {
  name: EngagementName;
  id: string;
  programId: string;
  fiscalYear: number;
  municipalityId: string;
  visitId: string;
  findingId: string;
  homeworkId: string;
  homeworkAssigneeId: string | null;
  /** A tree node (the goal root). */
  nodeId: string;
  /** A measure node without an action, when there is one; else any measure node. */
  freeMeasureNodeId: string;
  actionId: string;
  milestoneId: string;
  planId: string;
  indicatorValueId: string;
  indicatorId: string;
  /** A thread visible to observers, started by the lead advisor (森川): its author edits it, others may not. */
  commentId: string;
  commentAuthorId: string;
}

async function one<T>(what: string, rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (row === undefined) throw new Error(`fixture: no ${what}`);
  return row;
}

export async function loadEngagementFixture(db: Db, name: EngagementName): Promise<EngagementFixture> {
  const eng = await one(
    `engagement of ${name}`,
    db
      .select({
        id: s.engagements.id,
        programId: s.engagements.programId,
        municipalityId: s.engagements.municipalityId,
        fiscalYear: s.programs.fiscalYear,
      })
      .from(s.engagements)
      .innerJoin(s.municipalities, eq(s.municipalities.id, s.engagements.municipalityId))
      .innerJoin(s.programs, eq(s.programs.id, s.engagements.programId))
      .where(eq(s.municipalities.name, name))
      .orderBy(desc(s.programs.fiscalYear))
      .limit(1),
  );
  const visit = await one(
    'visit',
    db.select({ id: s.visits.id }).from(s.visits).where(eq(s.visits.engagementId, eng.id)).orderBy(asc(s.visits.seq)).limit(1),
  );
  const finding = await one(
    'finding',
    db
      .select({ id: s.findings.id })
      .from(s.findings)
      // One the municipality reads (and, co-owning the plan, writes): a team-only finding is 404 to its members.
      .where(and(eq(s.findings.engagementId, eng.id), inArray(s.findings.visibility, ['municipality', 'observers'])))
      .orderBy(asc(s.findings.createdAt), asc(s.findings.id))
      .limit(1),
  );
  const hw = await one(
    'homework',
    db
      .select({ id: s.homework.id, assignee: s.homework.assigneeUserId })
      .from(s.homework)
      .where(eq(s.homework.engagementId, eng.id))
      .orderBy(sql`${s.homework.assigneeUserId} is null`, asc(s.homework.id))
      .limit(1),
  );
  const root = await one(
    'tree root',
    db
      .select({ id: s.treeNodes.id })
      .from(s.treeNodes)
      .where(and(eq(s.treeNodes.engagementId, eng.id), isNull(s.treeNodes.parentId)))
      .limit(1),
  );
  const measures = await db
    .select({
      id: s.treeNodes.id,
      free: notExists(
        db
          .select({ one: sql`1` })
          .from(s.actions)
          .where(eq(s.actions.nodeId, s.treeNodes.id)),
      ),
    })
    .from(s.treeNodes)
    .where(and(eq(s.treeNodes.engagementId, eng.id), eq(s.treeNodes.kind, 'measure')))
    .orderBy(asc(s.treeNodes.id));
  const measure = measures.find((m) => m.free) ?? measures[0];
  if (!measure) throw new Error('fixture: no measure node');
  // An action with at least one milestone and one verification plan.
  const action = await one(
    'action with milestone and plan',
    db
      .select({ id: s.actions.id })
      .from(s.actions)
      .where(
        and(
          eq(s.actions.engagementId, eng.id),
          sql`exists (select 1 from ${s.milestones} m where m.action_id = ${s.actions.id})`,
          sql`exists (select 1 from ${s.verificationPlans} p where p.action_id = ${s.actions.id})`,
        ),
      )
      .orderBy(asc(s.actions.createdAt), asc(s.actions.id))
      .limit(1),
  );
  const milestone = await one(
    'milestone',
    db
      .select({ id: s.milestones.id })
      .from(s.milestones)
      .where(eq(s.milestones.actionId, action.id))
      .orderBy(asc(s.milestones.due))
      .limit(1),
  );
  const plan = await one(
    'plan',
    db.select({ id: s.verificationPlans.id }).from(s.verificationPlans).where(eq(s.verificationPlans.actionId, action.id)).limit(1),
  );
  const value = await one(
    'indicator value',
    db
      .select({ id: s.indicatorValues.id, indicatorId: s.indicatorValues.indicatorId })
      .from(s.indicatorValues)
      .where(eq(s.indicatorValues.municipalityId, eng.municipalityId))
      .orderBy(asc(s.indicatorValues.id))
      .limit(1),
  );
  const author = await one('lead advisor', db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, 'morikawa@demo.banso.jp')));
  const comment = (
    await db
      .select({ id: s.comments.id })
      .from(s.comments)
      .where(
        and(
          eq(s.comments.engagementId, eng.id),
          eq(s.comments.authorId, author.id),
          eq(s.comments.visibility, 'observers'),
          isNull(s.comments.parentId),
          isNull(s.comments.deletedAt),
        ),
      )
      .orderBy(asc(s.comments.createdAt), asc(s.comments.id))
      .limit(1)
  )[0] ?? { id: await freshRows.comment(db, { id: eng.id, nodeId: root.id, commentAuthorId: author.id }) };
  return {
    name,
    id: eng.id,
    programId: eng.programId,
    fiscalYear: eng.fiscalYear,
    municipalityId: eng.municipalityId,
    visitId: visit.id,
    findingId: finding.id,
    homeworkId: hw.id,
    homeworkAssigneeId: hw.assignee,
    nodeId: root.id,
    freeMeasureNodeId: measure.id,
    actionId: action.id,
    milestoneId: milestone.id,
    planId: plan.id,
    indicatorValueId: value.id,
    indicatorId: value.indicatorId,
    commentId: comment.id,
    commentAuthorId: author.id,
  };
}

export async function loadFixtures(db: Db): Promise<Record<EngagementName, EngagementFixture>> {
  const entries = await Promise.all(engagementNames.map(async (n) => [n, await loadEngagementFixture(db, n)] as const));
  return Object.fromEntries(entries) as Record<EngagementName, EngagementFixture>;
}

export async function userIdByEmail(db: Db, email: string): Promise<string> {
  return (await one(`user ${email}`, db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email)))).id;
}

export async function municipalityIdByName(db: Db, name: string): Promise<string> {
  return (
    await one(`municipality ${name}`, db.select({ id: s.municipalities.id }).from(s.municipalities).where(eq(s.municipalities.name, name)))
  ).id;
}

let freshMeasurements = 0;
let freshVisits = 0;

/** Fresh rows for cells whose allowed request consumes its target (delete, revoke, remove). */
/** A municipality under a code nobody holds (a taken random code is skipped). */
export async function freshMunicipality(db: Db, name: string): Promise<string> {
  for (;;) {
    const code = String(900000 + Math.floor(Math.random() * 99999));
    const [muni] = await db
      .insert(s.municipalities)
      .values({ code, name, category: 'town_village', regionType: 'island_mountain' })
      .onConflictDoNothing({ target: s.municipalities.code })
      .returning({ id: s.municipalities.id });
    if (muni) return muni.id;
  }
}

export const freshRows = {
  async textEvidence(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db
      .insert(s.evidence)
      .values({ id, engagementId: eng.id, nodeId: eng.nodeId, kind: 'text', text: '行列テスト用の根拠', source: 'quality' });
    return id;
  },
  async member(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db.insert(s.users).values({ id, email: `matrix-${id}@example.test`, name: '行列 テスト', passwordHash: 'not-a-hash' });
    await db.insert(s.memberships).values({ engagementId: eng.id, userId: id, role: 'advisor', teamRole: 'advisor' });
    return id;
  },
  /** A grant to a fresh municipality of nobody's (one unrevoked grant per engagement × municipality, by index). */
  async observerGrant(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    // Six-digit codes are few: a random one may already be taken (by the demo, another test, an earlier
    // run on the same PostgreSQL), so a taken code is skipped rather than failing the matrix.
    let muni: { id: string } | undefined;
    while (!muni) {
      const code = String(900000 + Math.floor(Math.random() * 99999));
      [muni] = await db
        .insert(s.municipalities)
        .values({ code, name: `行列テスト村 ${id.slice(0, 8)}`, category: 'town_village', regionType: 'island_mountain' })
        .onConflictDoNothing({ target: s.municipalities.code })
        .returning({ id: s.municipalities.id });
    }
    await db.insert(s.observerGrants).values({ id, engagementId: eng.id, municipalityId: muni!.id, validUntil: '2099-03-31' });
    return id;
  },
  async milestone(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db.insert(s.milestones).values({ id, actionId: eng.actionId, due: '2026-03-31', title: '行列テスト用の節目' });
    return id;
  },
  async plan(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db.insert(s.verificationPlans).values({ id, engagementId: eng.id, actionId: eng.actionId, indicatorName: '行列テスト用の指標' });
    return id;
  },
  /** A qualitative plan on the goal node (the fixture's nodeId). */
  async nodePlan(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db
      .insert(s.verificationPlans)
      .values({ id, engagementId: eng.id, nodeId: eng.nodeId, qualitative: true, method: '行列テスト用の方法', timing: '年度末' });
    return id;
  },
  /** A measurement of the fixture plan, each in a period of its own (one value per plan and period). */
  async measurement(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    const n = freshMeasurements++;
    const period = `${2100 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    await db.insert(s.measurements).values({ id, planId: eng.planId, period, value: 1, comment: '行列テスト用の測定値' });
    return id;
  },
  /** A thread on the goal node, visible to observers, by the fixture's comment author. */
  async comment(db: Db, eng: Pick<EngagementFixture, 'id' | 'nodeId' | 'commentAuthorId'>): Promise<string> {
    const id = randomUUID();
    await db.insert(s.comments).values({
      id,
      engagementId: eng.id,
      subjectType: 'node',
      subjectId: eng.nodeId,
      visibility: 'observers',
      body: '行列テスト用のコメント',
      authorId: eng.commentAuthorId,
      authorRole: 'advisor',
    });
    return id;
  },
  async finding(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db
      .insert(s.findings)
      .values({ id, engagementId: eng.id, kind: 'qualitative_fact', text: '行列テスト用の所見', visibility: 'municipality' });
    return id;
  },
  /** A planned visit without findings, numbered out of the way (seq is unique per engagement). */
  async visit(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db.insert(s.visits).values({ id, engagementId: eng.id, seq: 1000 + freshVisits++, kind: 'online', date: '2026-02-10' });
    return id;
  },
  async homework(db: Db, eng: EngagementFixture): Promise<string> {
    const id = randomUUID();
    await db.insert(s.homework).values({ id, engagementId: eng.id, text: '行列テスト用の宿題', assigneeName: '行列 テスト' });
    return id;
  },
};
