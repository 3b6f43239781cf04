import {
  ActionParamsSchema,
  CreateMilestoneBodySchema,
  CreateVerificationPlanBodySchema,
  IdParamsSchema,
  MeasurementParamsSchema,
  MeasurementSchema,
  MilestoneParamsSchema,
  MilestoneSchema,
  NodeParamsSchema,
  NodePlanParamsSchema,
  PlanMeasurementParamsSchema,
  PlanParamsSchema,
  PutRoadmapItemBodySchema,
  RecordMeasurementBodySchema,
  RoadmapItemSchema,
  RoadmapSchema,
  UpdateMeasurementBodySchema,
  UpdateMilestoneBodySchema,
  UpdateVerificationPlanBodySchema,
  VerificationPlanSchema,
} from '@banso/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctx } from '../../lib/context.js';
import { z } from 'zod';
import { requireIfMatch, setEtag } from '../../lib/etag.js';
import * as service from './roadmap.service.js';
import { problems } from '../../lib/problems.js';

const tags = ['roadmap'];
const readErrors = problems(400, 401, 403, 404);
const writeErrors = problems(400, 401, 403, 404, 412, 428);

export const roadmapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/engagements/:id/roadmap',
    {
      schema: {
        tags,
        operationId: 'getRoadmap',
        summary: 'Roadmap: per action its span, milestones (status as of today) and verification plans with measurements and progress',
        description:
          '`view: full` for the team, municipality and program office; `view: observer` (no measurement comments or authors) for observers.',
        params: IdParamsSchema,
        response: { 200: RoadmapSchema, ...readErrors },
      },
    },
    async (request) => service.getRoadmap(ctx(request), request.params.id),
  );

  app.put(
    '/engagements/:id/actions/:actionId/roadmap-item',
    {
      schema: {
        tags,
        operationId: 'putRoadmapItem',
        summary: 'Advisor sets an action’s span (YYYY-MM to YYYY-MM): 201 when created (no If-Match), 200 when replaced (If-Match)',
        params: ActionParamsSchema,
        body: PutRoadmapItemBodySchema,
        response: { 200: RoadmapItemSchema, 201: RoadmapItemSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { item, created } = await service.putRoadmapItem(ctx(request), {
        engagementId: request.params.id,
        actionId: request.params.actionId,
        ifMatchHeader: () => (request.headers['if-match'] === undefined ? undefined : requireIfMatch(request)),
        body: request.body,
      });
      setEtag(reply, item.version);
      return reply.code(created ? 201 : 200).send(item);
    },
  );

  app.post(
    '/engagements/:id/actions/:actionId/milestones',
    {
      schema: {
        tags,
        operationId: 'createMilestone',
        summary: 'Advisor adds a milestone to an action',
        params: ActionParamsSchema,
        body: CreateMilestoneBodySchema,
        response: { 201: MilestoneSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const milestone = await service.createMilestone(ctx(request), {
        engagementId: request.params.id,
        actionId: request.params.actionId,
        body: request.body,
      });
      setEtag(reply, milestone.version);
      return reply.code(201).send(milestone);
    },
  );

  app.patch(
    '/engagements/:id/actions/:actionId/milestones/:milestoneId',
    {
      schema: {
        tags,
        operationId: 'updateMilestone',
        summary: 'Advisor edits a milestone; a municipal member may only send {status: "done"} (If-Match)',
        params: MilestoneParamsSchema,
        body: UpdateMilestoneBodySchema,
        response: { 200: MilestoneSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, actionId, milestoneId } = request.params;
      const milestone = await service.updateMilestone(ctx(request), {
        engagementId: id,
        actionId,
        milestoneId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, milestone.version);
      return milestone;
    },
  );

  app.delete(
    '/engagements/:id/actions/:actionId/milestones/:milestoneId',
    {
      schema: {
        tags,
        operationId: 'deleteMilestone',
        summary: 'Advisor removes a milestone (If-Match)',
        params: MilestoneParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, actionId, milestoneId } = request.params;
      await service.deleteMilestone(ctx(request), {
        engagementId: id,
        actionId,
        milestoneId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/engagements/:id/actions/:actionId/verification-plans',
    {
      schema: {
        tags,
        operationId: 'createVerificationPlan',
        summary: 'Advisor adds a verification plan (検証方法): indicator, baseline, target, timing, data source, responsible, method',
        params: ActionParamsSchema,
        body: CreateVerificationPlanBodySchema,
        response: { 201: VerificationPlanSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const plan = await service.createPlan(ctx(request), {
        engagementId: request.params.id,
        subject: { actionId: request.params.actionId },
        body: request.body,
      });
      setEtag(reply, plan.version);
      return reply.code(201).send(plan);
    },
  );

  app.patch(
    '/engagements/:id/actions/:actionId/verification-plans/:planId',
    {
      schema: {
        tags,
        operationId: 'updateVerificationPlan',
        summary: 'Advisor edits a verification plan (If-Match)',
        params: PlanParamsSchema,
        body: UpdateVerificationPlanBodySchema,
        response: { 200: VerificationPlanSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, actionId, planId } = request.params;
      const plan = await service.updatePlan(ctx(request), {
        engagementId: id,
        subject: { actionId },
        planId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.delete(
    '/engagements/:id/actions/:actionId/verification-plans/:planId',
    {
      schema: {
        tags,
        operationId: 'deleteVerificationPlan',
        summary: 'Advisor removes a verification plan and its measurements (If-Match)',
        params: PlanParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, actionId, planId } = request.params;
      await service.deletePlan(ctx(request), {
        engagementId: id,
        subject: { actionId },
        planId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/engagements/:id/nodes/:nodeId/verification-plans',
    {
      schema: {
        tags,
        operationId: 'createNodeVerificationPlan',
        summary:
          'Adds a verification plan to a goal (目指す姿), outcome or issue node: the vision-level outcome indicator, or a qualitative plan (method, evidence, timing)',
        params: NodeParamsSchema,
        body: CreateVerificationPlanBodySchema,
        response: { 201: VerificationPlanSchema, ...readErrors },
      },
    },
    async (request, reply) => {
      const plan = await service.createPlan(ctx(request), {
        engagementId: request.params.id,
        subject: { nodeId: request.params.nodeId },
        body: request.body,
      });
      setEtag(reply, plan.version);
      return reply.code(201).send(plan);
    },
  );

  app.patch(
    '/engagements/:id/nodes/:nodeId/verification-plans/:planId',
    {
      schema: {
        tags,
        operationId: 'updateNodeVerificationPlan',
        summary: 'Edits a goal or outcome node’s verification plan (If-Match)',
        params: NodePlanParamsSchema,
        body: UpdateVerificationPlanBodySchema,
        response: { 200: VerificationPlanSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, nodeId, planId } = request.params;
      const plan = await service.updatePlan(ctx(request), {
        engagementId: id,
        subject: { nodeId },
        planId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.delete(
    '/engagements/:id/nodes/:nodeId/verification-plans/:planId',
    {
      schema: {
        tags,
        operationId: 'deleteNodeVerificationPlan',
        summary: 'Removes a goal or outcome node’s verification plan and its measurements (If-Match)',
        params: NodePlanParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, nodeId, planId } = request.params;
      await service.deletePlan(ctx(request), {
        engagementId: id,
        subject: { nodeId },
        planId,
        ifMatch: () => requireIfMatch(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/engagements/:id/verification-plans/:planId/measurements',
    {
      schema: {
        tags,
        operationId: 'recordMeasurement',
        summary:
          'Advisor or municipal member records a period’s value (409 measurement_exists when the period has one: correct it with PATCH)',
        params: PlanMeasurementParamsSchema,
        body: RecordMeasurementBodySchema,
        response: { 201: MeasurementSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const measurement = await service.recordMeasurement(ctx(request), {
        engagementId: request.params.id,
        planId: request.params.planId,
        body: request.body,
      });
      setEtag(reply, measurement.version);
      return reply.code(201).send(measurement);
    },
  );

  app.patch(
    '/engagements/:id/verification-plans/:planId/measurements/:measurementId',
    {
      schema: {
        tags,
        operationId: 'updateMeasurement',
        summary:
          'Advisor or municipal member corrects a recorded value, comment or period (If-Match; 409 measurement_exists when the new period has one)',
        params: MeasurementParamsSchema,
        body: UpdateMeasurementBodySchema,
        response: { 200: MeasurementSchema, ...problems(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      const { id, planId, measurementId } = request.params;
      const measurement = await service.updateMeasurement(ctx(request), {
        engagementId: id,
        planId,
        measurementId,
        ifMatch: () => requireIfMatch(request),
        body: request.body,
      });
      setEtag(reply, measurement.version);
      return measurement;
    },
  );

  app.delete(
    '/engagements/:id/verification-plans/:planId/measurements/:measurementId',
    {
      schema: {
        tags,
        operationId: 'deleteMeasurement',
        summary: 'Advisor or municipal member removes a recorded value (If-Match)',
        params: MeasurementParamsSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id, planId, measurementId } = request.params;
      await service.deleteMeasurement(ctx(request), { engagementId: id, planId, measurementId, ifMatch: () => requireIfMatch(request) });
      return reply.code(204).send(null);
    },
  );
};
