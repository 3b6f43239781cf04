export { useEngagements } from '../../api/engagements/get-engagements';
export { useEngagement } from '../../api/engagements/get-engagement';
export { EngagementList } from './components/engagement-list';
export { EngagementHeader } from './components/engagement-header';
export { useHome } from '../../api/home/get-home';
export { HomeTodo } from './components/home-todo';
export { ObservableEngagements } from './components/observable-engagements';
