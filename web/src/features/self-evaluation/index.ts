export { SelfEvaluationTab } from './components/self-evaluation-tab';
