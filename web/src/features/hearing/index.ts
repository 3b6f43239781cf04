export { HearingTab } from './components/hearing-tab';
