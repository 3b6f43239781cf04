export { ProgramEventsPage } from './components/program-events-page';
