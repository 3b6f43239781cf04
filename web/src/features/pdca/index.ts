export { PdcaTab } from './components/pdca-tab';
