// GET /unit/evidence/:id: an evidence file of a fulfilment record, passed through from the API.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { proxyDownload } from '../http/download.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return proxyDownload(request, `files/evidence/${encodeURIComponent(params.id ?? '')}`, {
    label: 'evidence',
  });
}
