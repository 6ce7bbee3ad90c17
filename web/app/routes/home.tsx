// `/`: the communities overview when signed in, else the login page.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { getToken } from '../auth/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getToken(request)) ? '/communities' : '/login');
}
