/**
 * 資料: the files of a visit (事前資料 and what was handed out), and the compact lists under a finding
 * and a homework item. One request lists every file of the engagement; each place shows its own.
 * Who may write follows the parent's rule (visit.materials; finding.write with a writable 公開範囲;
 * homework.write or the assignee's homework.complete); observers read only the shared files.
 */
import { type Access, type Attachment, can, type Finding, type Homework, writableFindingVisibilities } from '@banso/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteAttachment } from '../../../api/attachments/delete-attachment';
import { attachmentContentUrl, useAttachments } from '../../../api/attachments/get-attachments';
import { useUpdateAttachment } from '../../../api/attachments/update-attachment';
import { type UploadParentType, useUploadAttachment } from '../../../api/attachments/upload-attachment';
import { AttachmentsPanel } from '../../../components/attachments/attachments-panel';

function useFilesOf(engagementId: string, parentType: UploadParentType, parentId: string) {
  const files = useAttachments(engagementId);
  const items = useMemo(
    () => (files.data ?? []).filter((a) => a.parentType === parentType && a.parentId === parentId),
    [files.data, parentType, parentId],
  );
  const upload = useUploadAttachment(engagementId);
  const update = useUpdateAttachment(engagementId);
  const remove = useDeleteAttachment(engagementId);
  return {
    items,
    hrefOf: (a: Attachment) => attachmentContentUrl(engagementId, a.id),
    upload: (file: File, shareable: boolean) => upload.mutateAsync({ parentType, parentId, file, shareable }),
    update: (a: Attachment, body: { name?: string; shareable?: boolean }) =>
      update.mutateAsync({ attachmentId: a.id, version: a.version, body }),
    remove: (a: Attachment) => remove.mutateAsync({ attachmentId: a.id, version: a.version }),
  };
}

/** The 資料 section of a visit card. */
export function VisitMaterials({ engagementId, visitId, access }: { engagementId: string; visitId: string; access: Access }) {
  const { t } = useTranslation('attachments');
  const files = useFilesOf(engagementId, 'visit', visitId);
  const canManage = can(access, 'visit.materials');
  return (
    <AttachmentsPanel
      title={t('files.title')}
      items={files.items}
      hrefOf={files.hrefOf}
      showVisibility={access.role !== 'observer'}
      canManage={canManage}
      canShare={canManage}
      upload={files.upload}
      update={files.update}
      remove={files.remove}
      hideWhenEmpty
    />
  );
}

/** The files of a finding, in the compact form. */
export function FindingFiles({ engagementId, finding, access }: { engagementId: string; finding: Finding; access: Access }) {
  const { t } = useTranslation('attachments');
  const files = useFilesOf(engagementId, 'finding', finding.id);
  const canManage = can(access, 'finding.write') && writableFindingVisibilities(access.role).includes(finding.visibility);
  if (files.items.length === 0 && !canManage) return null;
  return (
    <AttachmentsPanel
      title={t('files.titleOf', { subject: finding.text })}
      items={files.items}
      hrefOf={files.hrefOf}
      showVisibility={access.role !== 'observer' && finding.visibility === 'observers'}
      canManage={canManage}
      canShare={canManage && finding.visibility === 'observers'}
      upload={files.upload}
      update={files.update}
      remove={files.remove}
      compact
    />
  );
}

/** The files of a homework item (its result as a file), in the compact form. */
export function HomeworkFiles({ engagementId, item, access }: { engagementId: string; item: Homework; access: Access }) {
  const { t } = useTranslation('attachments');
  const files = useFilesOf(engagementId, 'homework', item.id);
  const canManage = can(access, 'homework.write') || can(access, 'homework.complete', { assigneeUserId: item.assigneeUserId });
  if (files.items.length === 0 && !canManage) return null;
  return (
    <AttachmentsPanel
      title={t('files.titleOf', { subject: item.text })}
      items={files.items}
      hrefOf={files.hrefOf}
      canManage={canManage}
      upload={files.upload}
      update={files.update}
      remove={files.remove}
      compact
    />
  );
}
