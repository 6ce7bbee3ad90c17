// Page titles for route `meta` exports, which run outside React and so cannot use hooks.
import type { MetaArgs } from '@remix-run/node';
import { defaultLanguage, messages, toLanguage } from './i18n';
import type { Messages } from './zh-CN';

export function pageTitle(matches: MetaArgs['matches'], pick?: (m: Messages) => string): string {
  const rootData = matches.find((match) => match.id === 'root')?.data as
    { lng?: unknown } | undefined;
  const m = messages[toLanguage(rootData?.lng) ?? defaultLanguage];
  return pick ? `${pick(m)} · ${m.app.name}` : m.app.name;
}
