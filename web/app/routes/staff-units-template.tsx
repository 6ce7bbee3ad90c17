// GET /staff/units/template.csv: an empty unit import sheet with the headers importUnits accepts
// (UTF-8 with a BOM, so Excel opens it in the right encoding); the page explains the columns.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireToken } from '../auth/session.server';

const HEADER = [
  '单位名称',
  '单位类型',
  '所属社区',
  '所属网格',
  '职工人数',
  '地址',
  '联络员',
  '联系电话',
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const csv = `\uFEFF${HEADER.join(',')}\r\n`;
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="units-template.csv"; filename*=UTF-8''${encodeURIComponent('驻区单位导入模板.csv')}`,
      'Cache-Control': 'private, max-age=3600',
    },
  });
}
