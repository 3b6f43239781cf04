import { type Attachment, formatFiscalYear, type Program } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteReferenceMaterial } from '../../../api/attachments/delete-reference-material';
import { referenceMaterialContentUrl, useReferenceMaterials } from '../../../api/attachments/get-reference-materials';
import { useUpdateReferenceMaterial } from '../../../api/attachments/update-reference-material';
import { useUploadReferenceMaterial } from '../../../api/attachments/upload-reference-material';
import { useEngagements } from '../../../api/engagements/get-engagements';
import { usePrograms } from '../../../api/programs/get-programs';
import { AttachmentsPanel } from '../../../components/attachments/attachments-panel';
import { EmptyState } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { QueryView } from '../../../components/ui/query-view';
import { useLocale } from '../../../i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';

function Materials({ program }: { program: Program }) {
  const { t } = useTranslation('attachments');
  const materials = useReferenceMaterials(program.id);
  const upload = useUploadReferenceMaterial(program.id);
  const update = useUpdateReferenceMaterial(program.id);
  const remove = useDeleteReferenceMaterial(program.id);
  // reference.manage: the program office of the program's organizer (the server decides; this only hides the controls).
  const canManage = program.administered;
  return (
    <QueryView query={materials}>
      {(items) => (
        <div className="card reference-materials">
          <AttachmentsPanel
            title={program.name}
            items={items}
            hrefOf={(a: Attachment) => referenceMaterialContentUrl(program.id, a.id)}
            canManage={canManage}
            upload={(file) => upload.mutateAsync(file)}
            update={(a, body) => update.mutateAsync({ materialId: a.id, version: a.version, name: body.name ?? a.name })}
            remove={(a) => remove.mutateAsync({ materialId: a.id, version: a.version })}
          />
          {canManage ? null : <p className="muted reference-materials__hint">{t('reference.manageHint')}</p>}
        </div>
      )}
    </QueryView>
  );
}

/**
 * /reference: the program's 参考資料 (手引き, good-practice cases the advisors bring). The programs
 * offered are those the reader is tied to (administered, or of their engagements), newest first.
 */
export function ReferenceMaterialsPage() {
  const { t } = useTranslation(['attachments', 'common']);
  const { locale } = useLocale();
  useDocumentTitle(t('reference.title'), t('common:app.name'));
  const id = useId();
  const programs = usePrograms();
  const engagements = useEngagements();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <div className="page reference-page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('reference.title')}</h1>
          <p className="page__lead">{t('reference.lead')}</p>
        </div>
      </div>
      <QueryView query={programs}>
        {(all) => {
          const mine = new Set((engagements.data ?? []).map((e) => e.programId));
          const tied = all.filter((p) => p.administered || mine.has(p.id));
          const offered = tied.length > 0 ? tied : all;
          const program = offered.find((p) => p.id === chosen) ?? offered[0];
          if (!program) return <EmptyState>{t('reference.noProgram')}</EmptyState>;
          return (
            <>
              {offered.length > 1 ? (
                <Field id={`${id}-program`} label={t('reference.program')} className="reference-page__program">
                  <select id={`${id}-program`} value={program.id} onChange={(e) => setChosen(e.target.value)}>
                    {offered.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name.includes(formatFiscalYear(p.fiscalYear, locale))
                          ? p.name
                          : `${formatFiscalYear(p.fiscalYear, locale)} ${p.name}`}
                      </option>
                    ))}
                  </select>
                </Field>
              ) : null}
              <Materials key={program.id} program={program} />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
