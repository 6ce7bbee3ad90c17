// GET /my/service-record.pdf|xlsx: the signed-in volunteer's service record, passed through from
// the API.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyDownload } from '../http/download.server';

export function loader({ request }: LoaderFunctionArgs) {
  const format = new URL(request.url).pathname.endsWith('.xlsx') ? 'xlsx' : 'pdf';
  return proxyDownload(request, `volunteer/service-record.${format}`, {
    label: 'service record',
  });
}
