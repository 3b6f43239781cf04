import type { Catalog } from '../../catalog';
import type { pdca as ja } from '../ja/pdca';

export const pdca: Catalog<typeof ja> = {
  'pdca.title': 'Review (PDCA)',
  'pdca.lead':
    "The municipality's self-evaluation per fiscal year (◎ fully, ○ mostly, △ partly, × not achieved) and the advisors' comment.",
  'pdca.empty': 'No review for this year yet.',
  'pdca.assessment': 'Self-assessment',
  'pdca.comment': 'Comment',
  'pdca.nextActions': 'Next actions',
  'pdca.updatedBy': 'Updated {{date}} by {{name}}',
  'pdca.saved': 'Review saved.',
  'pdca.write': 'Write review',
  'pdca.stale': '{{name}} saved this year’s review at {{date}}.',
  'pdca.staleKept': 'Your input was not saved and is still in the form. Compare and choose one.',
  'pdca.staleField': 'Field',
  'pdca.staleTheirs': 'Saved',
  'pdca.staleMine': 'Your input',
  'pdca.staleSame': 'What was saved is the same as your input.',
  'pdca.staleOverwrite': 'Save your input over it',
  'pdca.staleTakeTheirs': 'Load what was saved',
  'pdca.advisorComment': "Advisors' comment",
  'pdca.advisorEmpty': "No advisors' comment on this year yet.",
  'pdca.advisorWrite': 'Write a comment',
  'pdca.advisorEdit': 'Edit the comment',
};
