import { type Application, ApplicationSchema, type UpdateApplicationBody } from '@banso/shared';
import { api } from '../../lib/api-client';
import { enc } from '../keys';
import { useApplicationMutation } from './use-application-mutation';

export function updateApplication(programId: string, application: Application, body: UpdateApplicationBody): Promise<Application> {
  return api.patch(`/programs/${enc(programId)}/applications/${enc(application.id)}`, ApplicationSchema, body, {
    ifMatch: application.version,
  });
}

export const useUpdateApplication = (programId: string) =>
  useApplicationMutation(programId, ({ application, body }: { application: Application; body: UpdateApplicationBody }) =>
    updateApplication(programId, application, body),
  );
