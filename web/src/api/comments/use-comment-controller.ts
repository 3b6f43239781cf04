import { type Access, can, type CommentSubjectType, type CommentThread } from '@banso/shared';
import { useMembers } from '../hearing/get-members';
import { useCreateComment } from './create-comment';
import { useDeleteComment } from './delete-comment';
import { useCommentThreads } from './get-comment-threads';
import { useSetCommentResolution } from './set-comment-resolution';
import { useUpdateComment } from './update-comment';

/** Everything a subject's comment threads need (threads, the members to mention, the writes), for the CommentThreads component. */
export function useCommentController(engagementId: string, subject: { type: CommentSubjectType; id: string }, access: Access) {
  const threads = useCommentThreads(engagementId, subject);
  const members = useMembers(engagementId, can(access, 'team.read'));
  const create = useCreateComment(engagementId);
  const update = useUpdateComment(engagementId);
  const remove = useDeleteComment(engagementId);
  const resolve = useSetCommentResolution(engagementId);
  const items: CommentThread[] = threads.data?.pages.flatMap((p) => p.items) ?? [];
  return {
    subject,
    access,
    threads: items,
    loading: threads.isPending,
    loadError: threads.error,
    hasMore: Boolean(threads.hasNextPage),
    loadMore: () => void threads.fetchNextPage(),
    members: (members.data ?? []).map((m) => ({ id: m.userId, name: m.name, role: m.role })),
    create,
    update,
    remove,
    resolve,
  };
}
