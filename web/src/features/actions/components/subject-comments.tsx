import type { Access, CommentSubjectType } from '@banso/shared';
import { useCommentController } from '../../../api/comments/use-comment-controller';
import { CommentThreads } from '../../../components/comments/comment-threads';

/** The comment threads of one record, loaded when shown (inside a CommentDisclosure). */
export function SubjectComments({
  engagementId,
  subject,
  access,
}: {
  engagementId: string;
  subject: { type: CommentSubjectType; id: string };
  access: Access;
}) {
  return <CommentThreads controller={useCommentController(engagementId, subject, access)} />;
}
