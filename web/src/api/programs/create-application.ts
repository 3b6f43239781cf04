import { type Application, ApplicationSchema, type CreateApplicationBody } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useApplicationMutation } from './use-application-mutation';

export function createApplication(programId: string, body: CreateApplicationBody): Promise<Application> {
  return api.post(`/programs/${enc(programId)}/applications`, ApplicationSchema, body);
}

export const useCreateApplication = (programId: string) =>
  useApplicationMutation(programId, (body: CreateApplicationBody) => createApplication(programId, body));
