// /my/profile: the volunteer's own profile — name, phone, e-mail for reminders, community, skills
// and weekly free time. A plain form post; on an error every value typed is shown again.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  ProfilePageDocument,
  UpdateMyVolunteerProfileDocument,
  type AvailabilitySlotInput,
  type Skill,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { useFieldErrors } from '../components/field-errors';
import { gqlRequest } from '../graphql/client.server';
import { useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';

const skills = Object.keys(zhCN.skill) as Skill[];
const days = [1, 2, 3, 4, 5, 6, 7] as const;
const slotsPerDay = 3;

interface Values {
  realName: string;
  phone: string;
  email: string;
  communityId: string;
  skills: Skill[];
  /** `${day}-${index}` → start / end as typed. */
  slots: Record<string, { start: string; end: string }>;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.profile.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const result = await gqlRequest(request, ProfilePageDocument, {});
  if (!result.viewer) throw await expiredSessionRedirect(request);
  return {
    viewer: result.viewer,
    profile: result.myVolunteerProfile,
    communities: result.communities.edges.map((edge) => edge.node),
  };
}

function slotsOf(availability: { day: number; start: string; end: string }[]): Values['slots'] {
  const slots: Values['slots'] = {};
  for (const day of days) {
    availability
      .filter((slot) => slot.day === day)
      .slice(0, slotsPerDay)
      .forEach((slot, index) => {
        slots[`${day}-${index}`] = { start: slot.start, end: slot.end };
      });
  }
  return slots;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values: Values = {
    realName: text('realName'),
    phone: text('phone'),
    email: text('email'),
    communityId: text('communityId'),
    skills: form.getAll('skills').filter((s): s is Skill => skills.includes(s as Skill)),
    slots: {},
  };
  const availability: AvailabilitySlotInput[] = [];
  for (const day of days) {
    for (let index = 0; index < slotsPerDay; index++) {
      const start = text(`slot-${day}-${index}-start`);
      const end = text(`slot-${day}-${index}-end`);
      if (start || end) values.slots[`${day}-${index}`] = { start, end };
      if (start && end) availability.push({ day, start, end });
    }
  }
  const version = Number(text('version'));
  const { updateMyVolunteerProfile: payload } = await gqlRequest(
    request,
    UpdateMyVolunteerProfileDocument,
    {
      input: {
        realName: values.realName,
        phone: values.phone,
        email: values.email,
        skills: values.skills,
        availability,
        ...(values.communityId ? { communityId: values.communityId } : {}),
        ...(Number.isInteger(version) && version > 0 ? { version } : {}),
      },
    },
  );
  return data(
    { values, errors: payload.errors, saved: payload.errors.length === 0 },
    { status: payload.errors.length > 0 ? 400 : 200 },
  );
}

export default function ProfilePage() {
  const { viewer, profile, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const errors = actionData?.errors ?? [];
  const { invalid, fieldErrors } = useFieldErrors((name) =>
    errors.filter((error) => fieldOf(error) === name),
  );
  // After a refusal, what was typed; after a save or on arrival, what is stored.
  const values: Values =
    actionData && !actionData.saved
      ? actionData.values
      : {
          realName: profile?.realName ?? viewer.displayName,
          phone: profile?.phone ?? '',
          email: viewer.email ?? '',
          communityId: profile?.community.id ?? viewer.community?.id ?? '',
          skills: profile?.skills ?? [],
          slots: slotsOf(profile?.availability ?? []),
        };
  const generalErrors = errors.filter(
    (error) => !['realName', 'phone', 'email', 'communityId', 'skills'].includes(fieldOf(error)),
  );
  const saving = navigation.state === 'submitting';
  const english = i18n.language === 'en';

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page page-narrow">
        <h1>{t('profile.heading')}</h1>
        <p className="lead">{profile ? t('profile.intro') : t('profile.noProfile')}</p>
        {profile && (
          <p className="muted">
            {t('profile.hours', {
              count: profile.verifiedHours,
              hours: number.format(profile.verifiedHours),
            })}
            {' · '}
            {t('profile.stars', {
              count: profile.starLevel,
              stars: number.format(profile.starLevel),
            })}
          </p>
        )}
        {actionData?.saved && (
          <div className="notice" role="status">
            <p>{t('profile.saved')}</p>
          </div>
        )}
        {errors.length > 0 && (
          <div className="alert" role="alert">
            <p>
              <strong>{t('profile.failed')}</strong>
            </p>
            {generalErrors.map((error, index) => (
              <p key={index}>{errorText(error)}</p>
            ))}
          </div>
        )}
        <Form method="post" className="panel stack profile-form" noValidate>
          <input type="hidden" name="version" value={profile?.version ?? ''} />
          <div className="field">
            <label htmlFor="realName">{t('profile.realName')}</label>
            <input
              id="realName"
              name="realName"
              autoComplete="name"
              defaultValue={values.realName}
              {...invalid('realName')}
            />
            {fieldErrors('realName')}
          </div>
          <div className="field">
            <label htmlFor="phone">{t('profile.phone')}</label>
            <input
              id="phone"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              defaultValue={values.phone}
              {...invalid('phone')}
            />
            {fieldErrors('phone')}
          </div>
          <div className="field">
            <label htmlFor="email">{t('profile.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              defaultValue={values.email}
              aria-describedby="email-hint"
              {...invalid('email')}
            />
            <p className="field-hint" id="email-hint">
              {t('profile.emailHint')}
            </p>
            {fieldErrors('email')}
          </div>
          <div className="field">
            <label htmlFor="communityId">{t('profile.community')}</label>
            <select
              id="communityId"
              name="communityId"
              defaultValue={values.communityId}
              {...invalid('communityId')}
            >
              {communities.map((community) => (
                <option key={community.id} value={community.id}>
                  {english ? community.nameEn : community.name}
                </option>
              ))}
            </select>
            {fieldErrors('communityId')}
          </div>
          <fieldset className="field">
            <legend>{t('profile.skills')}</legend>
            <div className="checkbox-grid">
              {skills.map((skill) => (
                <label key={skill} className="checkbox">
                  <input
                    type="checkbox"
                    name="skills"
                    value={skill}
                    defaultChecked={values.skills.includes(skill)}
                  />
                  {t(`skill.${skill}`)}
                </label>
              ))}
            </div>
            {fieldErrors('skills')}
          </fieldset>
          <fieldset className="field availability" aria-describedby="availability-hint">
            <legend>{t('profile.availability')}</legend>
            <p className="field-hint" id="availability-hint">
              {t('profile.availabilityHint')}
            </p>
            {fieldErrors('availability')}
            {days.map((day) => (
              <fieldset key={day} className="availability-day">
                <legend>{t(`profile.weekday.${day}`)}</legend>
                {Array.from({ length: slotsPerDay }, (_, index) => {
                  const slot = values.slots[`${day}-${index}`];
                  const id = `slot-${day}-${index}`;
                  return (
                    <div key={index} className="availability-slot">
                      <span className="visually-hidden">{t('profile.slot', { n: index + 1 })}</span>
                      <label htmlFor={`${id}-start`}>{t('profile.from')}</label>
                      <input
                        id={`${id}-start`}
                        name={`${id}-start`}
                        type="time"
                        step={900}
                        defaultValue={slot?.start ?? ''}
                      />
                      <label htmlFor={`${id}-end`}>{t('profile.to')}</label>
                      <input
                        id={`${id}-end`}
                        name={`${id}-end`}
                        type="time"
                        step={900}
                        defaultValue={slot?.end ?? ''}
                      />
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </fieldset>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('profile.saving') : t('profile.save')}
          </button>
        </Form>
      </main>
    </>
  );
}
