/** The logic-tree feature: the tab the engagement page lazy-loads (React.lazy needs the default export). */
import { LogicTreeTab } from './components/LogicTreeTab';

export { LogicTreeTab };
export type { LogicTreeTabProps } from './components/LogicTreeTab';
export default LogicTreeTab;
