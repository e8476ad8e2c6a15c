import { useI18n } from '../i18n/i18n';

/** Keyset paging: the cursors of the pages walked so far; "previous" pops one, "next" pushes the answer's. */
export function Pager(props: { cursors: string[]; nextCursor?: string | null; onChange(cursors: string[]): void }) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button
        type="button"
        disabled={props.cursors.length === 0}
        onClick={() => props.onChange(props.cursors.slice(0, -1))}
      >
        {t('common.previous')}
      </button>
      <button
        type="button"
        disabled={!props.nextCursor}
        onClick={() => props.onChange([...props.cursors, props.nextCursor!])}
      >
        {t('common.next')}
      </button>
    </div>
  );
}
