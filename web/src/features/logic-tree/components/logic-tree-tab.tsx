/**
 * The logic-tree tab of an engagement (lazy-loaded by the app): loads the tree and opens the editor,
 * read-only for observers, the program office and municipal members.
 */
import '@xyflow/react/dist/style.css';
import '../logic-tree.css';
import type { Access } from '@banso/shared';
import { usePrefetchQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-error';
import { treeQueryOptions, useTree } from '../../../api/tree/get-tree';
import { useTreeText } from './use-tree-text';
import { TreeEditor } from './tree-editor';

export interface LogicTreeTabProps {
  engagementId: string;
  readOnly: boolean;
  access: Access;
}

export function LogicTreeTab({ engagementId, readOnly, access }: LogicTreeTabProps) {
  const { t } = useTreeText();
  // Starts the request while rendering: the lazy chunk's Suspense boundary commits a little later,
  // and useQuery alone would only fetch after that commit.
  usePrefetchQuery(treeQueryOptions(engagementId));
  const tree = useTree(engagementId);
  if (tree.isPending)
    return (
      <p className="lt-loading" role="status">
        {t('tree.loading')}
      </p>
    );
  if (tree.isError)
    return (
      <div className="lt-load-error" role="alert">
        <p>
          {t('tree.loadError')}
          {isApiError(tree.error) ? t('tree.loadErrorDetail', { detail: tree.error.detail }) : ''}
        </p>
        <button type="button" className="lt-button" onClick={() => void tree.refetch()}>
          {t('tree.retry')}
        </button>
      </div>
    );
  return (
    <TreeEditor key={`${engagementId}:${readOnly}`} engagementId={engagementId} tree={tree.data} readOnly={readOnly} access={access} />
  );
}
