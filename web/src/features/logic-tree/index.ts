/** The logic-tree feature: the tab the engagement page lazy-loads (React.lazy needs the default export). */
import { LogicTreeTab } from './components/logic-tree-tab';

export { LogicTreeTab };
export default LogicTreeTab;
