export { ActionsTab } from './components/actions-tab';
