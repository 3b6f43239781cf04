export { ProgramsPage } from './components/programs-page';
export { TeamPage } from './components/team-page';
