/**
 * Placeholder until the logic-tree editor lands (helper H4 replaces this file and exports the real
 * `LogicTreeTab`). The engagement page lazy-loads this module for the ロジックツリー tab.
 */
import { createElement } from 'react';

export interface LogicTreeTabProps {
  engagementId: string;
  readOnly: boolean;
}

export function LogicTreeTab(_props: LogicTreeTabProps) {
  return createElement('p', { className: 'empty-state' }, 'ロジックツリーの編集画面は準備中です。');
}

export default LogicTreeTab;
