import { useEffect } from 'react';

/** Sets the tab title ("みどり区 · ロードマップ | 伴走"). */
export function useDocumentTitle(title: string | null, appName: string): void {
  useEffect(() => {
    document.title = title ? `${title} | ${appName}` : appName;
  }, [title, appName]);
}
