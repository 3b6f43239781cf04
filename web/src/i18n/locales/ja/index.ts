import { actions } from './actions';
import { admin } from './admin';
import { analysis } from './analysis';
import { applications } from './applications';
import { attachments } from './attachments';
import { auth } from './auth';
import { common } from './common';
import { engagements } from './engagements';
import { events } from './events';
import { evaluation } from './evaluation';
import { hearing } from './hearing';
import { library } from './library';
import { logicTree } from './logic-tree';
import { treeImport } from './tree-import';
import { notifications } from './notifications';
import { organizer } from './organizer';
import { pdca } from './pdca';
import { portfolio } from './portfolio';
import { reports } from './reports';
import { roadmap } from './roadmap';
import { users } from './users';

/** Every namespace of the ja catalog (one per feature; `common` for the shell and shared components). */
export const ja = {
  common,
  auth,
  engagements,
  hearing,
  actions,
  roadmap,
  pdca,
  portfolio,
  reports,
  library,
  applications,
  logicTree,
  treeImport,
  users,
  admin,
  organizer,
  notifications,
  analysis,
  attachments,
  events,
  evaluation,
};
