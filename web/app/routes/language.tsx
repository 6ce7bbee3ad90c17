// POST /language: remember the chosen language in the `lng` cookie and go back to the page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { safeRedirect } from '../auth/safe-redirect';
import { defaultLanguage, toLanguage } from '../i18n/i18n';
import { serializeLanguageCookie } from '../i18n/language.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = toLanguage(form.get('lng')) ?? defaultLanguage;
  return redirect(safeRedirect(form.get('redirectTo'), '/'), {
    headers: { 'Set-Cookie': serializeLanguageCookie(language) },
  });
}

export function loader() {
  return redirect('/');
}
