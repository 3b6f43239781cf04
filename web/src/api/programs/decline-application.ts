import { type Application, ApplicationSchema } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useApplicationMutation } from './use-application-mutation';

export function declineApplication(programId: string, application: Application): Promise<Application> {
  return api.post(`/programs/${enc(programId)}/applications/${enc(application.id)}/decline`, ApplicationSchema, undefined, {
    ifMatch: application.version,
  });
}

export const useDeclineApplication = (programId: string) =>
  useApplicationMutation(programId, (application: Application) => declineApplication(programId, application));
