// The co-building report as one CSV table.
import { csvFile, csvSafe, type ExportLocale } from '../../http/exports.js';
import type { CoBuildingReport, ReportCommitment, ReportUnit } from './co-building-report.js';
import { HEADERS, KIND_LABELS, MEASURE_LABELS, STATUS_LABELS, TEXT } from './report-labels.js';

/**
 * One row per commitment with its unit's rank, rate, pace and lagging flag; a unit without
 * commitments gets one row with the commitment columns empty, so every unit appears. Headers
 * and labels in the file's language only. Numbers are written in full precision (rates and
 * ratios as fractions). UTF-8 with a BOM, CRLF.
 */
export function toCsv(report: CoBuildingReport, locale: ExportLocale = 'zh-CN'): Buffer {
  const t = TEXT[locale];
  const flag = (value: boolean) => (value ? t.yes : t.no);
  const h = HEADERS[locale];
  const header = [
    h.rank,
    h.unit,
    h.community,
    h.kind,
    h.unitRate,
    h.pace,
    h.lagging,
    h.category,
    h.commitment,
    h.measure,
    h.target,
    h.verified,
    h.ratio,
    h.status,
    h.behind,
    h.start,
    h.end,
  ];
  const unitCells = (u: ReportUnit) => [
    u.rank,
    csvSafe(u.name),
    csvSafe(u.communityName),
    KIND_LABELS[locale][u.kind],
    u.rate,
    u.pace,
    u.pace === null ? t.notRated : flag(u.lagging),
  ];
  const byUnit = new Map<ReportUnit, ReportCommitment[]>();
  for (const c of report.commitments) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);

  const records: (string | number | null)[][] = [header];
  for (const unit of report.units) {
    const own = byUnit.get(unit) ?? [];
    if (!own.length) records.push([...unitCells(unit), ...header.slice(7).map(() => null)]);
    for (const c of own) {
      records.push([
        ...unitCells(unit),
        csvSafe(locale === 'en' ? c.categoryNameEn : c.categoryName),
        csvSafe(c.title),
        MEASURE_LABELS[locale][c.measure],
        c.target,
        c.verified,
        c.ratio,
        STATUS_LABELS[locale][c.status],
        flag(c.behind),
        c.periodStart,
        c.periodEnd,
      ]);
    }
  }
  return csvFile(records);
}
