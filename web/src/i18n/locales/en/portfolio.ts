import type { Catalog } from '../../catalog';
import type { portfolio as ja } from '../ja/portfolio';

export const portfolio: Catalog<typeof ja> = {
  'portfolio.title': 'Portfolio',
  'portfolio.lead': 'Progress of every engagement of the program.',
  'portfolio.empty': 'No engagements.',
  'portfolio.col.municipality': 'Municipality',
  'portfolio.col.category': 'Group',
  'portfolio.col.theme': 'Theme',
  'portfolio.col.status': 'Status',
  'portfolio.col.roadmap': 'Roadmap',
  'portfolio.col.delayed': 'Delayed milestones',
  'portfolio.col.progress': 'Latest progress',
  'portfolio.col.activity': 'Last activity',
  'portfolio.agreed': 'Agreed',
  'portfolio.notAgreed': 'Not agreed',
  'portfolio.noProgress': 'No measurements',
  'portfolio.progressOf_one': '{{value}}% of the way to target (one indicator)',
  'portfolio.progressOf_other': '{{value}}% of the way to target (mean of {{count}} indicators)',
  'portfolio.forbidden': 'Only the program office can see the portfolio.',
  'portfolio.filter.label': 'Filter by fiscal year and program',
  'portfolio.filter.fiscalYear': 'Fiscal year',
  'portfolio.filter.program': 'Program',
  'portfolio.filter.allYears': 'All fiscal years',
  'portfolio.filter.allPrograms': 'All programs',
};
