// POST /language: remember the chosen language in the `lng` cookie — and, when signed in, on the
// account, so every device opens in it — then go back to the page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { SetMyLanguageDocument } from '../../../schema/generated/graphql';
import { safeRedirect } from '../auth/safe-redirect';
import { getToken } from '../auth/session.server';
import { gqlRequest } from '../graphql/client.server';
import { defaultLanguage, toLanguage } from '../i18n/i18n';
import { serializeLanguageCookie } from '../i18n/language.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = toLanguage(form.get('lng')) ?? defaultLanguage;
  if (await getToken(request)) {
    // The cookie alone still switches this browser if the account cannot be updated just now.
    await gqlRequest(request, SetMyLanguageDocument, { input: { language } }).catch(() => null);
  }
  return redirect(safeRedirect(form.get('redirectTo'), '/'), {
    headers: { 'Set-Cookie': serializeLanguageCookie(language) },
  });
}

export function loader() {
  return redirect('/');
}
