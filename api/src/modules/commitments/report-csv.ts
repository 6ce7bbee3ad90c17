// The co-building report as one CSV table.
import { csvFile, csvSafe, type ExportLocale } from '../../http/exports.js';
import type { CoBuildingReport, ReportCommitment, ReportUnit } from './co-building-report.js';
import { KIND_LABELS, MEASURE_LABELS, STATUS_LABELS, TEXT } from './report-labels.js';

/**
 * One row per commitment with its unit's rank, rate and lagging flag; a unit without
 * commitments gets one row with the commitment columns empty, so every unit appears. Numbers
 * are written in full precision (rates and ratios as fractions). UTF-8 with a BOM, CRLF.
 */
export function toCsv(report: CoBuildingReport, locale: ExportLocale = 'zh-CN'): Buffer {
  const t = TEXT[locale];
  const flag = (value: boolean) => (value ? t.yes : t.no);
  const header = [
    '名次 Rank',
    '单位 Unit',
    '社区 Community',
    '类型 Kind',
    '单位履约率 Unit rate',
    '后进 Lagging',
    '类别代码 Category code',
    '类别 Category',
    '承诺事项 Commitment',
    '计量 Measure',
    '目标 Target',
    '已核实 Verified',
    '完成比例 Ratio',
    '状态 Status',
    '进度滞后 Behind',
    '开始 Start',
    '结束 End',
  ];
  const unitCells = (u: ReportUnit) => [
    u.rank,
    csvSafe(u.name),
    csvSafe(u.communityName),
    KIND_LABELS[locale][u.kind],
    u.rate,
    flag(u.lagging),
  ];
  const byUnit = new Map<ReportUnit, ReportCommitment[]>();
  for (const c of report.commitments) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);

  const records: (string | number | null)[][] = [header];
  for (const unit of report.units) {
    const own = byUnit.get(unit) ?? [];
    if (!own.length) records.push([...unitCells(unit), ...header.slice(6).map(() => null)]);
    for (const c of own) {
      records.push([
        ...unitCells(unit),
        c.categoryCode,
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
