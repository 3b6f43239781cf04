export { RoadmapTab } from './components/roadmap-tab';
