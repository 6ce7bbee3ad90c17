// The unit directory as a table: one row per unit, its kind, community (when listing them all),
// grid, staff, liaison (and their account, with the invite form) and (for one community) this year's commitments.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DirectoryPageQuery } from '../../../../schema/generated/graphql';
import { useNumberFormat } from '../../i18n/format';
import { LiaisonAccount } from './LiaisonInvite';

type UnitRow = DirectoryPageQuery['units']['edges'][number]['node'];

export function UnitTable({
  units,
  communityId,
  commitmentCounts,
}: {
  units: UnitRow[];
  /** The community listed (null: all, with a community column). */
  communityId: string | null;
  /** Commitments this year by unit ID, when one community is listed. */
  commitmentCounts: { [unitId: string]: number } | null;
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  return (
    <div className="table-wrap">
      <table className="data-table directory-table" role="table">
        <caption className="visually-hidden">{t('directory.caption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col">{t('directory.columns.name')}</th>
            <th scope="col">{t('directory.columns.kind')}</th>
            {!communityId && <th scope="col">{t('directory.columns.community')}</th>}
            <th scope="col">{t('directory.columns.grid')}</th>
            <th scope="col" className="num">
              {t('directory.columns.staff')}
            </th>
            <th scope="col">{t('directory.columns.liaison')}</th>
            {commitmentCounts && (
              <th scope="col" className="num">
                {t('directory.columns.commitments')}
              </th>
            )}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {units.map((unit) => (
            <tr key={unit.id} data-unit-id={unit.id} role="row">
              <th scope="row" role="rowheader" className="unit-name">
                <Link to={`/staff/units/${encodeURIComponent(unit.id)}`}>{unit.name}</Link>
                {unit.address && <div className="muted">{unit.address}</div>}
              </th>
              <td role="cell" data-label={t('directory.columns.kind')}>
                {t(`directory.kinds.${unit.kind}`)}
              </td>
              {!communityId && (
                <td role="cell" data-label={t('directory.columns.community')}>
                  {unit.community.name}
                </td>
              )}
              <td role="cell" data-label={t('directory.columns.grid')}>
                {unit.grid?.name ?? t('directory.noGrid')}
              </td>
              <td role="cell" className="num" data-label={t('directory.columns.staff')}>
                {number.format(unit.staffCount)}
              </td>
              <td role="cell" className="liaison-cell" data-label={t('directory.columns.liaison')}>
                <span>
                  {unit.liaisonName} <span className="muted">{unit.liaisonPhone}</span>
                </span>
                {unit.liaisonAccount && <LiaisonAccount unit={unit} />}
              </td>
              {commitmentCounts && (
                <td role="cell" className="num" data-label={t('directory.columns.commitments')}>
                  {number.format(commitmentCounts[unit.id] ?? 0)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
