import type { Me } from '@banso/shared';
import { ApplicationsHomePage, ProgramApplicationsPage } from './components/applications-page';

export { ApplicationsHomePage, ProgramApplicationsPage };

/** Everything under /applications: the programs, or one program's applications. */
export function ApplicationsSection({ rest, me }: { rest: string; me: Me }) {
  const id = rest.split('/').filter(Boolean)[0];
  return id ? <ProgramApplicationsPage programId={id} me={me} /> : <ApplicationsHomePage me={me} />;
}
