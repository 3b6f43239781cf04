import { createContext, useContext } from 'react';

/** Open comment threads per node (what the reader may read), for the badges of canvas cards and outline rows. */
export const CommentCountsContext = createContext<ReadonlyMap<string, number>>(new Map());

export const useNodeCommentCount = (id: string): number => useContext(CommentCountsContext).get(id) ?? 0;
